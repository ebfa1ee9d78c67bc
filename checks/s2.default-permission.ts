// s2.default-permission: item 8's permission dialog, OrderWSPendingFunction may be invoked by API Gateway
// for <apiId>/v1/$default (IAM ArnLike evaluation, src/policy).
import { defineCheck } from "../src/engine/check.js";
import { judgePermission, permissionMessages } from "./lib/permission.js";

export const s2DefaultPermission = defineCheck({
  id: "s2.default-permission",
  step: 2,
  points: 4,
  dependsOn: ["s1.api"],
  reads: ["api", "functions", "policies"],
  title: {
    ko: "API Gateway가 $default에서 OrderWSPendingFunction을 호출할 권한이 있음 (항목 8)",
    en: "API Gateway may invoke OrderWSPendingFunction for $default (item 8)",
  },
  hint: {
    ko: "항목 8: $default의 통합을 저장할 때 뜨는 '람다 함수에 권한 추가' 메시지에서 확인(OK)을 누르세요.",
    en: "Item 8: when saving the $default integration, confirm (OK) the message about adding a permission to the Lambda function.",
  },
  messages: permissionMessages,
  run: ({ snapshot }) => judgePermission(snapshot, "$default"),
});
