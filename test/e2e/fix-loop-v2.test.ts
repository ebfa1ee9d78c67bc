// The participant's fix loop with AWS CLI v2 (test/e2e/fix-loop.ts says what it proves).
import { runFixLoop } from "./fix-loop.js";

runFixLoop(2);
