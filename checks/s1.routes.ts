// s1.routes: the three routes of step 1 exist. A route deleted by mistake is the usual cause, and the fix is
// to create it again and redo the items of the lab guide that configure it.
import type { RouteView, Snapshot } from "../src/collect/snapshot.js";
import { defineCheck, type Localized, type Verdict } from "../src/engine/check.js";
import { createRouteCommand } from "../src/workshop/cli-commands.js";
import { apiOf, list, text } from "./lib/read.js";
import type { RouteKey } from "../src/workshop/routes.js";
import { change, FIX_API_FIRST, verdicts } from "./lib/verdict.js";
import { whereOf } from "./lib/wiring.js";

const REQUIRED: RouteKey[] = ["$connect", "$disconnect", "$default"];

/** Items that configure a route again once it exists, named in the hint. */
const REDO: Record<RouteKey, string> = { $connect: "3", $disconnect: "4–6", $default: "7–9" };

const messages = {
  ok: {
    ko: "API {apiId}에 경로 $connect, $disconnect, $default가 모두 있습니다.",
    en: "API {apiId} has the routes $connect, $disconnect and $default.",
  },
  missing: {
    ko: "API {apiId}에 경로 {missing|이/가} 없습니다. 삭제된 것 같습니다 (있는 경로: {present}).",
    en: "API {apiId} has no route {missing}; it seems to have been deleted (routes present: {present}).",
  },
  noApi: {
    ko: "OrderCallbackAPI를 찾지 못해 경로를 확인할 수 없습니다(s1.api 참고).",
    en: "OrderCallbackAPI was not found, so its routes cannot be checked (see s1.api).",
  },
  "hint.recreate": {
    ko: "경로(Routes) → 경로 생성(Create route)으로 {missing|을/를} 다시 만든 뒤, 실습 가이드 항목 {items|을/를} 다시 진행하세요.",
    en: "Create {missing} again under Routes → Create route, then redo items {items} of the lab guide.",
  },
  "hint.api": FIX_API_FIRST,
} satisfies Record<string, Localized>;

type Key = keyof typeof messages;
const { pass, fail } = verdicts(messages);

function run({ snapshot }: { snapshot: Snapshot }): Verdict<Key> {
  const api = apiOf(snapshot);
  if (!api) return fail("noApi", {}, "hint.api");
  const keys = list<RouteView>(snapshot.routes).map((route) => text(route.routeKey)).filter((key): key is string => key !== undefined);
  const missing = REQUIRED.filter((key) => !keys.includes(key));
  if (missing.length === 0) return pass("ok", { apiId: api.apiId });
  const where = whereOf(snapshot);
  return fail(
    "missing",
    {
      apiId: api.apiId,
      missing: missing.join(", "),
      present: keys.join(", ") || "-",
      items: missing.map((key) => `${REDO[key]} (${key})`).join(", "),
    },
    "hint.recreate",
    missing.map((key) => change(createRouteCommand(where, key))),
  );
}

export const s1Routes = defineCheck({
  id: "s1.routes",
  step: 1,
  points: 1,
  dependsOn: ["s1.api"],
  reads: ["api", "routes"],
  title: {
    ko: "경로 $connect, $disconnect, $default가 있음",
    en: "The routes $connect, $disconnect and $default exist",
  },
  hint: {
    ko: "경로(Routes)에서 빠진 경로를 다시 만드세요 (실습 가이드 항목 2에서 세 경로를 확인합니다).",
    en: "Create the missing route again under Routes (item 2 of the lab guide shows the three routes).",
  },
  messages,
  run,
});
