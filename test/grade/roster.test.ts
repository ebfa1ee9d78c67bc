import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseCsv } from "../../src/grade/csv.js";
import { elementLines, parseRoster, readRoster, RosterError, type RosterRow } from "../../src/grade/roster.js";

const roster = suite("grade: the roster (CSV or JSON)");

const ROLE = "arn:aws:iam::123456789012:role/AWSomePetsGrader";

function problems(rows: RosterRow[]) {
  return rows.flatMap((row) => ("problem" in row ? [{ line: row.line, key: row.problem.key }] : []));
}

function participants(rows: RosterRow[]) {
  return rows.flatMap((row) => ("participant" in row ? [row.participant] : []));
}

roster("CSV fields may be quoted, hold commas, doubled quotes and line breaks; records keep their first line", () => {
  const records = parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n');
  assert.equal(records, [
    { line: 1, fields: ["a", "b"] },
    { line: 2, fields: ["x, y", 'say "hi"'] },
    { line: 3, fields: ["two\nlines", "z"] },
  ]);
});

roster("a CSV roster: columns in any order and case, other columns kept as written, blank and # lines skipped", () => {
  const text = `\uFEFFName,Region,ID,Role_ARN,External_ID\n# a comment\n\nKim,ap-northeast-2,kim@example.com,${ROLE},ext-123\nLee,,lee@example.com,${ROLE},\n`;
  const rows = parseRoster(text, "csv");
  assert.equal(problems(rows), []);
  assert.equal(participants(rows), [
    { line: 4, id: "kim@example.com", access: { kind: "role", roleArn: ROLE, externalId: "ext-123" }, region: "ap-northeast-2", extra: { Name: "Kim" } },
    { line: 5, id: "lee@example.com", access: { kind: "role", roleArn: ROLE }, extra: { Name: "Lee" } },
  ]);
});

roster("a JSON roster keeps its other plain keys (name, section) for the reports, not nested values", () => {
  const rows = parseRoster(JSON.stringify([{ id: "kim", role_arn: ROLE, name: "김민수", section: 2, notes: { a: 1 } }]), "json");
  assert.equal(participants(rows), [{ line: 1, id: "kim", access: { kind: "role", roleArn: ROLE }, extra: { name: "김민수", section: "2" } }]);
});

roster("a profile row is a participant reached through that profile", () => {
  const rows = parseRoster("id,profile\npark,student-park\n", "csv");
  assert.equal(participants(rows), [{ line: 2, id: "park", access: { kind: "profile", profile: "student-park" } }]);
});

roster("bad rows are kept with their line and what is wrong; good rows around them are participants", () => {
  const text = [
    "id,role_arn,external_id,profile,region",
    `ok1,${ROLE},,,`,
    `,${ROLE},,,`,
    "none,,,,",
    `both,${ROLE},,p,`,
    "badarn,arn:aws:iam::12:role/x,,,",
    "extonly,,ext-1,p,",
    `badext,${ROLE},x,,`,
    `badregion,${ROLE},,,seoul`,
    `ok1,${ROLE},,,`,
    `ok2,${ROLE},,,us-east-1`,
  ].join("\n");
  const rows = parseRoster(text, "csv");
  assert.equal(problems(rows), [
    { line: 3, key: "roster.noId" },
    { line: 4, key: "roster.noAccess" },
    { line: 5, key: "roster.bothAccess" },
    { line: 6, key: "roster.badRoleArn" },
    { line: 7, key: "roster.externalIdWithoutRole" },
    { line: 8, key: "roster.badExternalId" },
    { line: 9, key: "roster.badRegion" },
    { line: 10, key: "roster.duplicateId" },
  ]);
  assert.equal(participants(rows).map((p) => [p.line, p.id]), [[2, "ok1"], [11, "ok2"]]);
  const duplicate = rows.find((row) => row.line === 10)!;
  assert.not.ok("id" in duplicate, "a duplicate is not a participant of its own");
  assert.is((rows.find((row) => row.line === 4) as { id?: string }).id, "none", "a bad row with an id still names its participant");
});

roster("a JSON roster: an array, or {participants}, with each row's line found in the text", () => {
  const text = `{\n  "course": "AWSomePets",\n  "participants": [\n    { "id": "kim", "role_arn": "${ROLE}" },\n\n    {\n      "id": 42,\n      "profile": "p"\n    },\n    { "id": ["x"] },\n    "nope"\n  ]\n}\n`;
  const rows = parseRoster(text, "json");
  assert.equal(participants(rows).map((p) => [p.line, p.id]), [[4, "kim"], [6, "42"]]);
  assert.equal(problems(rows), [
    { line: 10, key: "roster.badValue" },
    { line: 11, key: "roster.notObject" },
  ]);
  assert.equal(elementLines(`[{"id":"a"},\n{"id":"b"}]`), [1, 2]);
});

roster("a roster that cannot be read at all is one error, not rows", () => {
  const keyOf = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      return error instanceof RosterError ? error.problem.key : String(error);
    }
    return "no error";
  };
  assert.is(keyOf(() => parseRoster("role_arn\nx\n", "csv")), "roster.noHeader");
  assert.is(keyOf(() => parseRoster("id,role_arn\n", "csv")), "roster.empty");
  assert.is(keyOf(() => parseRoster("[1,", "json")), "roster.badJson");
  assert.is(keyOf(() => parseRoster('{"students": []}', "json")), "roster.notArray");
});

roster("readRoster tells JSON from CSV by the extension, else by the first character", async () => {
  const dir = await mkdtemp(join(tmpdir(), "roster-"));
  try {
    await writeFile(join(dir, "class.txt"), `[{"id":"a","profile":"p"}]`);
    await writeFile(join(dir, "class.csv"), "id,profile\nb,p\n");
    assert.is(participants(await readRoster(join(dir, "class.txt")))[0]!.id, "a");
    assert.is(participants(await readRoster(join(dir, "class.csv")))[0]!.id, "b");
    await readRoster(join(dir, "missing.csv")).then(
      () => assert.unreachable("a missing file is an error"),
      (error: unknown) => assert.is((error as RosterError).problem.key, "roster.unreadable"),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

roster.run();
