// s2.disconnect-permission: item 5's permission dialog, OrderWSDisconnectFunction may be invoked by API
// Gateway for <apiId>/v1/$disconnect (IAM ArnLike evaluation, src/policy).
import { defineCheck } from "../src/engine/check.js";
import { judgePermission, permissionMessages } from "./lib/permission.js";

export const s2DisconnectPermission = defineCheck({
  id: "s2.disconnect-permission",
  step: 2,
  points: 4,
  dependsOn: ["s1.api"],
  reads: ["api", "functions", "policies"],
  title: {
    ko: "API Gateway가 $disconnect에서 OrderWSDisconnectFunction을 호출할 권한이 있음 (항목 5)",
    en: "API Gateway may invoke OrderWSDisconnectFunction for $disconnect (item 5)",
  },
  hint: {
    ko: "항목 5: $disconnect의 통합을 저장할 때 뜨는 '람다 함수에 권한 추가' 메시지에서 확인(OK)을 누르세요.",
    en: "Item 5: when saving the $disconnect integration, confirm (OK) the message about adding a permission to the Lambda function.",
  },
  messages: permissionMessages,
  run: ({ snapshot }) => judgePermission(snapshot, "$disconnect"),
});
