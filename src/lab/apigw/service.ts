// The API Gateway v2 control plane of the lab (restJson1, camelCase members, signing name "apigateway";
// botocore's apigatewayv2 model). Every operation is a management call: it gets the injected latency and counts against
// the account's quotas (API Gateway quotas; Lambda quotas).
//
// Sources cited in this file:
// - API Gateway quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
// - botocore's apigatewayv2 model: https://github.com/boto/botocore/blob/develop/botocore/data/apigatewayv2/2018-11-29/service-2.json
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
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
