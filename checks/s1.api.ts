// s1.api: the WebSocket API OrderCallbackAPI exists in the region the checker looked in. When it does not,
// the participant is most often in the wrong region: say which region was searched and where the API is.
import type { Snapshot } from "../src/collect/snapshot.js";
import { API_NAME } from "../src/workshop/names.js";
import { defineCheck, type Localized, type Verdict } from "../src/engine/check.js";
import { apiOf, list, regionOf, text } from "./lib/read.js";
import { listApisCommand } from "../src/workshop/cli-commands.js";
import { look, verdicts } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const messages = {
  ok: {
    ko: "리전 {region}에 WebSocket API {apiName|이/가} 있습니다(API ID {apiId}).",
    en: "WebSocket API {apiName} (API id {apiId}) exists in region {region}.",
  },
  missing: {
    ko: "리전 {region}에서 이름이 {apiName} 인 API를 찾지 못했습니다.",
    en: "No API named {apiName} was found in region {region}.",
  },
  missingElsewhere: {
    ko: "리전 {region}에서 이름이 {apiName} 인 API를 찾지 못했습니다. 다른 리전에는 있습니다: {elsewhere}.",
    en: "No API named {apiName} was found in region {region}. It exists in another region: {elsewhere}.",
  },
  missingId: {
    ko: "리전 {region}에 API ID가 {apiId} 인 API가 없습니다.",
    en: "There is no API with id {apiId} in region {region}.",
  },
  notWebSocket: {
    ko: "{apiName|은/는} {protocolType} API입니다(API ID {apiId}). 워크숍의 API는 WebSocket API입니다.",
    en: "{apiName} (API id {apiId}) is an {protocolType} API; the workshop's API is a WebSocket API.",
  },
  otherName: {
    ko: "API ID {apiId}의 이름이 {name}입니다 (워크숍의 이름은 {apiName}). 맞는 API 인지 확인하세요.",
    en: "API {apiId} is named {name} (the workshop's is {apiName}). Make sure it is the right API.",
  },
  "hint.otherRegion": {
    ko: "콘솔 오른쪽 위에서 리전 {otherRegion|을/를} 고르거나, --region {otherRegion} (또는 AWS_REGION={otherRegion}) 으로 다시 실행하세요.",
    en: "Pick region {otherRegion} at the top right of the console, or run again with --region {otherRegion} (or AWS_REGION={otherRegion}).",
  },
  "hint.id": {
    ko: "--api-id 값과 --region을 확인하세요. API ID는 콘솔의 API 목록이나 아래 명령으로 볼 수 있습니다.",
    en: "Check the --api-id value and --region. The API id is in the console's API list, or shown by the command below.",
  },
  "hint.protocol": {
    ko: "1단계 스택이 만드는 {apiName|은/는} WebSocket API입니다. 같은 이름의 다른 API가 있다면 --api-id로 WebSocket API를 지정하세요. 확인: `aws apigatewayv2 get-apis --region {region}`",
    en: "The {apiName} that step 1's stack creates is a WebSocket API. If another API has the same name, name the WebSocket one with --api-id. To look: `aws apigatewayv2 get-apis --region {region}`",
  },
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail, warn } = verdicts(messages);

function run({ snapshot }: { snapshot: Snapshot }): Verdict<Key> {
  const region = regionOf(snapshot);
  const query = snapshot.apiQuery as { name?: unknown; id?: unknown } | undefined;
  const apiName = text(query?.name) ?? API_NAME;
  const api = apiOf(snapshot);
  if (!api) return missing(snapshot, region, apiName, text(query?.id));
  const vars = { region, apiName, apiId: api.apiId, protocolType: String(api.protocolType ?? "?"), name: String(api.name ?? "") };
  if (String(api.protocolType).toUpperCase() !== "WEBSOCKET") return fail("notWebSocket", vars, "hint.protocol");
  if (text(query?.id) && api.name !== API_NAME) return warn("otherName", vars, "hint.id", [look(listApisCommand(whereOf(snapshot)))]);
  return pass("ok", vars);
}

function missing(snapshot: Snapshot, region: string, apiName: string, apiId: string | undefined): Verdict<Key> {
  if (apiId) return fail("missingId", { region, apiName, apiId }, "hint.id", [look(listApisCommand(whereOf(snapshot)))]);
  const elsewhere = list<{ region?: unknown; apiId?: unknown }>(snapshot.apiElsewhere).filter((found) => text(found.region));
  if (elsewhere.length === 0) return fail("missing", { region, apiName });
  const names = elsewhere.map((found) => `${String(found.region)} (API ID ${String(found.apiId ?? "?")})`).join(", ");
  return fail("missingElsewhere", { region, apiName, elsewhere: names, otherRegion: String(elsewhere[0]!.region) }, "hint.otherRegion");
}

export const s1Api = defineCheck({
  id: "s1.api",
  step: 1,
  points: 2,
  dependsOn: [],
  reads: ["api"],
  title: {
    ko: "WebSocket API OrderCallbackAPI가 있음",
    en: "The WebSocket API OrderCallbackAPI exists",
  },
  hint: {
    ko: "1단계(서버리스 인프라 설치)의 CloudFormation 스택이 OrderCallbackAPI를 만듭니다. 스택이 완료되었는지, 콘솔 오른쪽 위의 리전과 검사기의 --region이 같은지 확인하세요.",
    en: "Step 1's CloudFormation stack (serverless infrastructure) creates OrderCallbackAPI. Check that the stack completed, and that the console's region (top right) and the checker's --region are the same.",
  },
  messages,
  run,
});
