// s2.disconnect-integration: items 4–6, $disconnect → Lambda proxy integration of OrderWSDisconnectFunction.
import { defineCheck } from "../src/engine/check.js";
import { judgeWiring, wiringMessages } from "./lib/wiring.js";

export const s2DisconnectIntegration = defineCheck({
  id: "s2.disconnect-integration",
  step: 2,
  points: 4,
  dependsOn: ["s1.api"],
  reads: ["api", "routes", "integrations", "functions"],
  title: {
    ko: "$disconnect가 OrderWSDisconnectFunction의 Lambda 프록시 통합임 (항목 4–6)",
    en: "$disconnect is a Lambda proxy integration of OrderWSDisconnectFunction (items 4–6)",
  },
  hint: {
    ko: "항목 4–6: 경로(Routes) → $disconnect → 통합 요청(Integration Request) → 통합 유형(Integration Type) 'Lambda 함수' → OrderWSDisconnectFunction 선택 → 저장.",
    en: "Items 4–6: Routes → $disconnect → Integration Request → Integration Type 'Lambda function' → choose OrderWSDisconnectFunction → Save.",
  },
  messages: wiringMessages,
  run: ({ snapshot }) => judgeWiring(snapshot, "$disconnect"),
});
