// The checks read a snapshot through the same safe readers as the rules and the plan (src/rules/read.ts).
export * from "../../src/rules/read.js";
