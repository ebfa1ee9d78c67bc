// s1.table: the callback table the functions use (named by their CLIENT_CALLBACK_TABLE) exists with the keys
// the handlers rely on: orderId (partition) / connectionId (sort), and the GSI the disconnect function
// queries by connection (connectionId-orderId-index, partition key connectionId).
import type { Snapshot, TableView } from "../src/collect/snapshot.js";
import { FUNCTION_ROLES } from "../src/workshop/names.js";
import { CONNECTION_INDEX, TABLE_ENV, TABLE_NAME } from "../src/workshop/callback-table.js";
import { defineCheck, type Localized, type Verdict } from "../src/engine/check.js";
import { functionOf, list, record, regionOf, text } from "./lib/read.js";
import { look, verdicts } from "./lib/verdict.js";
import { describeTableCommand } from "../src/workshop/cli-commands.js";
import { whereOf } from "./lib/wiring.js";

type KeySchema = TableView["keySchema"];

const messages = {
  ok: {
    ko: "테이블 {table}의 키가 orderId/connectionId이고, 인덱스 {index|이/가} 있습니다.",
    en: "Table {table} has the keys orderId/connectionId and the index {index}.",
  },
  noName: {
    ko: "어느 함수에도 환경 변수 {env|이/가} 없어 콜백 테이블의 이름을 알 수 없습니다.",
    en: "No function has the environment variable {env}, so the callback table's name is unknown.",
  },
  notFound: {
    ko: "함수의 {env|이/가} 가리키는 테이블 {table|이/가} 리전 {region}에 없습니다.",
    en: "The table {table} that the functions' {env} names does not exist in region {region}.",
  },
  badKeys: {
    ko: "테이블 {table}의 키가 {keys}입니다. 파티션 키 orderId, 정렬 키 connectionId여야 합니다.",
    en: "Table {table} has the keys {keys}; it needs partition key orderId and sort key connectionId.",
  },
  noIndex: {
    ko: "테이블 {table}에 글로벌 보조 인덱스 {index|이/가} 없습니다 (있는 인덱스: {indexes}). $disconnect 함수는 이 인덱스로 연결을 찾습니다.",
    en: "Table {table} has no global secondary index {index} (indexes present: {indexes}); the $disconnect function finds connections through it.",
  },
  badIndex: {
    ko: "테이블 {table}의 인덱스 {index}의 키가 {keys}입니다. 파티션 키 connectionId여야 합니다.",
    en: "Index {index} of table {table} has the keys {keys}; its partition key must be connectionId.",
  },
  "hint.stack": {
    ko: "1단계(서버리스 인프라 설치)의 CloudFormation 스택이 콜백 테이블(ClientCallbackTbl)을 만들고 함수의 {env}에 그 이름을 넣습니다. 스택이 완료되었는지 확인하세요.",
    en: "Step 1's CloudFormation stack (serverless infrastructure) creates the callback table (ClientCallbackTbl) and puts its name in the functions' {env}. Check that the stack completed.",
  },
  notActive: {
    ko: "테이블 {table}의 상태가 {status}입니다(ACTIVE가 아님). 잠시 후 다시 실행하세요.",
    en: "Table {table} is {status}, not ACTIVE. Run again in a moment.",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail, warn } = verdicts(messages);

function run({ snapshot }: { snapshot: Snapshot }): Verdict<Key> {
  const region = regionOf(snapshot);
  const table = record<unknown>(snapshot.table) as Partial<TableView>;
  const name = text(table.name) ?? tableNameFromFunctions(snapshot);
  const vars = { region, env: TABLE_ENV, table: name ?? TABLE_NAME, index: CONNECTION_INDEX };
  const fix = [look(describeTableCommand(whereOf(snapshot), String(vars.table)))];
  if (!text(table.name)) return fail(name ? "notFound" : "noName", vars, "hint.stack", name ? fix : []);
  const keys = list<KeySchema[number]>(table.keySchema);
  if (keyOf(keys, "HASH") !== "orderId" || keyOf(keys, "RANGE") !== "connectionId") return fail("badKeys", { ...vars, keys: describe(keys) }, "hint.stack", fix);
  const indexes = list<TableView["indexes"][number]>(table.indexes);
  const index = indexes.find((item) => item.indexName === CONNECTION_INDEX);
  if (!index) return fail("noIndex", { ...vars, indexes: indexes.map((item) => String(item.indexName)).join(", ") || "-" }, "hint.stack", fix);
  const indexKeys = list<KeySchema[number]>(index.keySchema);
  if (keyOf(indexKeys, "HASH") !== "connectionId") return fail("badIndex", { ...vars, keys: describe(indexKeys) }, "hint.stack", fix);
  if (text(table.status) && table.status !== "ACTIVE") return warn("notActive", { ...vars, status: String(table.status) });
  return pass("ok", vars);
}

function tableNameFromFunctions(snapshot: Snapshot): string | undefined {
  return FUNCTION_ROLES.map((role) => text(record<unknown>(functionOf(snapshot, role)?.environment)[TABLE_ENV])).find(Boolean);
}

function keyOf(keys: KeySchema, type: string): string | undefined {
  return keys.find((key) => key.keyType === type)?.attributeName;
}

function describe(keys: KeySchema): string {
  return keys.map((key) => `${String(key.attributeName)} (${String(key.keyType)})`).join(", ") || "-";
}

export const s1Table = defineCheck({
  id: "s1.table",
  step: 1,
  points: 1,
  dependsOn: [],
  reads: ["functions", "table"],
  title: {
    ko: "콜백 테이블과 인덱스 connectionId-orderId-index가 있음",
    en: "The callback table and its index connectionId-orderId-index exist",
  },
  hint: {
    ko: "1단계(서버리스 인프라 설치)의 CloudFormation 스택이 콜백 테이블(ClientCallbackTbl)을 만듭니다. 스택이 완료되었는지 확인하세요.",
    en: "Step 1's CloudFormation stack (serverless infrastructure) creates the callback table (ClientCallbackTbl). Check that the stack completed.",
  },
  messages,
  run,
});
