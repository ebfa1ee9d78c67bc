// The class roster: CSV (a header line naming the columns) or JSON (an array of objects, or
// {"participants": [...]}), one participant per row: id, role_arn (+ external_id) or profile, region.
// A bad row is kept, with its line and what is wrong with it, so it can be reported while the rest is graded.
//
// Sources cited in this file:
// - botocore's iam model: https://github.com/boto/botocore/blob/develop/botocore/data/iam/2010-05-08/service-2.json
// - botocore's sts model: https://github.com/boto/botocore/blob/develop/botocore/data/sts/2011-06-15/service-2.json
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { MessageKey } from "../i18n/index.js";
import { parseCsv } from "./csv.js";

/** How the grader reaches the participant's account. */
export type Access = { kind: "role"; roleArn: string; externalId?: string } | { kind: "profile"; profile: string };

export interface Participant {
  line: number;
  id: string;
  access: Access;
  region?: string;
  /** The roster's other columns (name, section, ...), kept as the instructor wrote them for the reports. */
  extra?: Record<string, string>;
}

/** A message of the catalogue with its values, rendered in the run's language when reported. */
export interface Message {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

export type RosterRow = { line: number; participant: Participant } | { line: number; id?: string; problem: Message };

/** The roster as a whole could not be read: nothing can be graded. */
export class RosterError extends Error {
  constructor(readonly problem: Message) {
    super(problem.key);
  }
}

const FIELDS = ["id", "role_arn", "external_id", "profile", "region"] as const;
type Field = (typeof FIELDS)[number];
type RawRow = { line: number; values: Partial<Record<Field, string>>; extra: Record<string, string> } | { line: number; problem: Message };

// [botocore's iam model] role ARNs; partitions aws, aws-cn, aws-us-gov; a role name may sit under a path.
const ROLE_ARN = /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
// [botocore's sts model AssumeRoleRequest.ExternalId]: 2 to 1224 characters of [\w+=,.@:/-].
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export async function readRoster(path: string): Promise<RosterRow[]> {
  return (await loadRoster(path)).rows;
}

/** Which roster was graded: its bytes' SHA-256 and its rows, so that shards of one roster can be told apart from others'. */
export interface RosterIdentity {
  sha256: string;
  rows: number;
}

/** The roster's rows and its identity, from one reading of the file. */
export async function loadRoster(path: string): Promise<{ rows: RosterRow[]; identity: RosterIdentity }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new RosterError({ key: "roster.unreadable", vars: { file: path, message: (error as Error).message } });
  }
  const text = bytes.toString("utf8");
  const rows = parseRoster(text, isJson(path, text) ? "json" : "csv");
  return { rows, identity: { sha256: createHash("sha256").update(bytes).digest("hex"), rows: rows.length } };
}

function isJson(path: string, text: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === ".json") return true;
  if (ext === ".csv") return false;
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, ""));
}

export function parseRoster(text: string, format: "csv" | "json"): RosterRow[] {
  const raw = format === "json" ? jsonRows(text) : csvRows(text);
  if (raw.length === 0) throw new RosterError({ key: "roster.empty" });
  const seen = new Map<string, number>();
  return raw.map((row) => ("problem" in row ? row : validate(row.line, row.values, seen, row.extra)));
}

function csvRows(text: string): RawRow[] {
  const records = parseCsv(text).filter((record) => record.fields.some((field) => field.trim() !== "") && !record.fields[0]!.trim().startsWith("#"));
  const header = records.shift();
  const columns = header?.fields.map((name) => name.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  if (!header || !columns?.includes("id")) throw new RosterError({ key: "roster.noHeader" });
  return records.map((record) => {
    const values: Partial<Record<Field, string>> = {};
    const extra: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = record.fields[i]?.trim() ?? "";
      if ((FIELDS as readonly string[]).includes(column)) values[column as Field] = value;
      // Other columns (name, section, ...) are the instructor's own: carried to the reports as written.
      else if (header.fields[i]!.trim() !== "") extra[header.fields[i]!.trim()] = value;
    });
    return { line: record.line, values, extra };
  });
}

function jsonRows(text: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new RosterError({ key: "roster.badJson", vars: { message: (error as Error).message } });
  }
  const list = Array.isArray(data) ? data : (data as { participants?: unknown } | null)?.participants;
  if (!Array.isArray(list)) throw new RosterError({ key: "roster.notArray" });
  const lines = elementLines(text);
  return list.map((item, i) => jsonRow(item, lines[i] ?? 1));
}

function jsonRow(item: unknown, line: number): RawRow {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return { line, problem: { key: "roster.notObject" } };
  const values: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const value = (item as Record<string, unknown>)[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string" && !(field === "id" && typeof value === "number")) return { line, problem: { key: "roster.badValue", vars: { field } } };
    values[field] = String(value).trim();
  }
  // The instructor's own keys with a plain value (name, section, ...) are carried to the reports.
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
    if (!(FIELDS as readonly string[]).includes(key) && (typeof value === "string" || typeof value === "number" || typeof value === "boolean")) extra[key] = String(value);
  }
  return { line, values, extra };
}

function validate(line: number, values: Partial<Record<Field, string>>, seen: Map<string, number>, extra: Record<string, string> = {}): RosterRow {
  const id = values.id || undefined;
  const bad = (problem: Message): RosterRow => ({ line, ...(id ? { id } : {}), problem });
  if (!id) return bad({ key: "roster.noId" });
  const first = seen.get(id);
  // A second row of an id is not a participant of its own: only the first is graded under that id.
  if (first !== undefined) return { line, problem: { key: "roster.duplicateId", vars: { id, first } } };
  seen.set(id, line);
  const problem = accessProblem(values) ?? (values.region && !REGION.test(values.region) ? { key: "roster.badRegion" as const, vars: { value: values.region } } : undefined);
  if (problem) return bad(problem);
  const access: Access = values.role_arn
    ? { kind: "role", roleArn: values.role_arn, ...(values.external_id ? { externalId: values.external_id } : {}) }
    : { kind: "profile", profile: values.profile! };
  return { line, participant: { line, id, access, ...(values.region ? { region: values.region } : {}), ...(Object.keys(extra).length > 0 ? { extra } : {}) } };
}

function accessProblem(values: Partial<Record<Field, string>>): Message | undefined {
  if (values.role_arn && values.profile) return { key: "roster.bothAccess" };
  if (!values.role_arn && !values.profile) return { key: "roster.noAccess" };
  if (values.role_arn && !ROLE_ARN.test(values.role_arn)) return { key: "roster.badRoleArn", vars: { value: values.role_arn } };
  if (values.external_id && !values.role_arn) return { key: "roster.externalIdWithoutRole" };
  if (values.external_id && !EXTERNAL_ID.test(values.external_id)) return { key: "roster.badExternalId" };
  return undefined;
}

/**
 * The line each element of the roster's array starts on (the root array, or the root object's
 * "participants"), found by scanning the text, since JSON.parse keeps no positions.
 */
export function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let target = -1;
  let expecting = false;
  let lastKey = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") line++;
    if (/\s|:/.test(c)) continue;
    if (depth === target && expecting && c !== "]") (lines.push(line), (expecting = false));
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1) lastKey = text.slice(i + 1, end);
      i = end;
    } else if (c === "[" || c === "{") {
      depth++;
      if (c === "[" && target === -1 && (depth === 1 || (depth === 2 && lastKey === "participants"))) (target = depth), (expecting = true);
    } else if (c === "]" || c === "}") {
      if (c === "]" && depth === target) target = -2;
      depth--;
    } else if (c === "," && depth === target) expecting = true;
  }
  return lines;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
