// s2.default-integration: items 7–9, $default → Lambda proxy integration of OrderWSPendingFunction.
import { defineCheck } from "../src/engine/check.js";
import { judgeWiring, wiringMessages } from "./lib/wiring.js";

export const s2DefaultIntegration = defineCheck({
  id: "s2.default-integration",
  step: 2,
  points: 4,
  dependsOn: ["s1.api"],
  reads: ["api", "routes", "integrations", "functions"],
  title: {
    ko: "$default가 OrderWSPendingFunction의 Lambda 프록시 통합임 (항목 7–9)",
    en: "$default is a Lambda proxy integration of OrderWSPendingFunction (items 7–9)",
  },
  hint: {
    ko: "항목 7–9: 경로(Routes) → $default → 통합 요청(Integration Request) → 통합 유형(Integration Type) 'Lambda 함수' → OrderWSPendingFunction 선택 → 저장.",
    en: "Items 7–9: Routes → $default → Integration Request → Integration Type 'Lambda function' → choose OrderWSPendingFunction → Save.",
  },
  messages: wiringMessages,
  run: ({ snapshot }) => judgeWiring(snapshot, "$default"),
});
