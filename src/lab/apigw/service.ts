// The API Gateway v2 control plane of the lab (restJson1, camelCase members, signing name "apigateway";
// reference 6.2). Every operation is a management call: it gets the injected latency and counts against
// the account's quotas (reference 7).
import type { ServiceModule } from "../context.js";
import { noSuchOperation, notImplemented, tooManyRequests } from "./errors.js";
import { matchOperation } from "./operations.js";

export const apigatewayService: ServiceModule = {
  service: "apigateway",
  resolve(req, ctx) {
    const found = matchOperation(req.method.toUpperCase(), req.segments);
    if (!found) throw noSuchOperation(req.method, req.rawPath);
    const { spec, params } = found;
    const handler = spec.handler;
    if (!handler) throw notImplemented(spec.name);
    return { name: spec.name, controlPlane: true, run: async () => handler({ req, ctx, params }) };
  },
  throttled: tooManyRequests,
};
