// Reading a CloudWatch Logs request body (awsJson1_1, camelCase members) with the lab's one typed member
// reader. A member of the wrong JSON type fails deserialization before any validation, as SerializationException
// (UNCONFIRMED: AWS's exact text).
import { AwsError, parseJsonBody, type LabRequest } from "../protocol.js";
import { JsonMembers } from "../members.js";

export class LogsBody extends JsonMembers {
  static of(req: LabRequest): LogsBody {
    return new LogsBody(parseJsonBody(req));
  }

  protected wrongType(name: string): Error {
    return new AwsError(400, "SerializationException", `Unexpected value type in payload: ${name}`);
  }
}
