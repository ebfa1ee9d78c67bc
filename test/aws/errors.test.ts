// One classifier of AWS errors for the whole program: the SDK's own exception classes and a real refused
// connection are sorted into the kinds the gate, the retries, the engine's hints and apply act on, and a
// snapshot's recorded name and message are sorted the same way as the error they were recorded from.
import { AccessDeniedException, ConflictException, GetApisCommand, NotFoundException, TooManyRequestsException } from "@aws-sdk/client-apigatewayv2";
import { ResourceConflictException, ResourceNotFoundException, TooManyRequestsException as LambdaTooManyRequests } from "@aws-sdk/client-lambda";
import { ExpiredTokenException } from "@aws-sdk/client-sts";
import { createServer } from "node:net";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createClients } from "../../src/aws/clients.js";
import { errorKind, isCredentialError, isExpiredCredentials, isThrottling, isUpdateInProgress, recordedErrorKind } from "../../src/aws/errors.js";

const metadata = { $metadata: {} };

test("the SDK's exceptions: throttling, access denied, not found and conflict, whichever service threw them", () => {
  assert.is(errorKind(new TooManyRequestsException({ ...metadata, message: "Too Many Requests" })), "throttling");
  assert.is(errorKind(new LambdaTooManyRequests({ ...metadata, message: "Rate exceeded" })), "throttling");
  assert.is(errorKind(new AccessDeniedException({ ...metadata, message: "not authorized" })), "accessDenied");
  assert.is(errorKind(new NotFoundException({ ...metadata, message: "Invalid API identifier" })), "notFound");
  assert.is(errorKind(new ResourceNotFoundException({ ...metadata, message: "Function not found" })), "notFound");
  assert.is(errorKind(new ConflictException({ ...metadata, message: "taken" })), "conflict");
  assert.is(errorKind(new ResourceConflictException({ ...metadata, message: "The statement id (x) provided already exists" })), "conflict");
  assert.is(errorKind(new ExpiredTokenException({ ...metadata, message: "The security token included in the request is expired" })), "credentials");
});

test("throttling is what the SDK's retry strategy calls throttling: its names, or any HTTP 429", () => {
  for (const name of ["ThrottlingException", "Throttling", "RequestLimitExceeded", "LimitExceededException", "SlowDown"]) assert.ok(isThrottling({ name, $metadata: {} }), name);
  assert.ok(isThrottling({ name: "SomethingNew", $metadata: { httpStatusCode: 429 } }));
  assert.not.ok(isThrottling({ name: "BadRequestException", $metadata: { httpStatusCode: 400 } }));
  assert.not.ok(isThrottling(undefined));
  assert.not.ok(isThrottling("TooManyRequestsException"), "a bare string is not an error");
});

test("a refused connection, as the SDK throws it, is a network error", async () => {
  // A port that was just free: nothing listens there once the server is closed.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const clients = createClients({ endpoint: `http://127.0.0.1:${port}`, region: "eu-west-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 });
  try {
    const error = await clients.apigw.send(new GetApisCommand({})).then(() => undefined, (e: unknown) => e);
    assert.ok(error, "the call failed");
    assert.is(errorKind(error), "network", String(error));
  } finally {
    clients.destroy();
  }
});

test("recorded errors (a snapshot's name and message) are sorted as the errors they came from", () => {
  assert.is(recordedErrorKind("TooManyRequestsException", "Too Many Requests"), "throttling");
  assert.is(recordedErrorKind("AccessDeniedException", "User is not authorized to perform: lambda:GetPolicy"), "accessDenied");
  assert.is(recordedErrorKind("Error", "connect ECONNREFUSED 127.0.0.1:4566"), "network");
  assert.is(recordedErrorKind("TimeoutError", "socket timed out"), "network");
  assert.is(recordedErrorKind("AbortError", "The operation was aborted"), "aborted");
  assert.is(recordedErrorKind("BadRequestException", "Invalid stage identifier"), "other");
});

test("credential errors: missing, expired or refused keys, named in the error's name or only in its message", () => {
  assert.ok(isCredentialError("CredentialsProviderError", "Could not load credentials from any providers"));
  assert.ok(isCredentialError("InvalidClientTokenId", "The security token included in the request is invalid."));
  assert.ok(isCredentialError("UnrecognizedClientException", "The security token included in the request is invalid."));
  assert.ok(isCredentialError("SignatureDoesNotMatch", "The request signature we calculated does not match"));
  assert.ok(isCredentialError("Error", "Token is expired. To refresh this SSO session run 'aws sso login' (TokenRefreshRequired)"));
  assert.not.ok(isCredentialError("AccessDeniedException", "User is not authorized"));
  assert.ok(isExpiredCredentials("ExpiredToken", "The security token included in the request is expired"));
  assert.not.ok(isExpiredCredentials("InvalidClientTokenId", "The security token included in the request is invalid."));
});

test("an update in progress is a conflict that passes; a taken statement id is a conflict that does not", () => {
  const busy = new ResourceConflictException({ ...metadata, message: "The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:eu-west-1:1:function:f" });
  assert.ok(isUpdateInProgress(busy));
  assert.not.ok(isUpdateInProgress(new ResourceConflictException({ ...metadata, message: "The statement id (x) provided already exists" })));
  assert.not.ok(isUpdateInProgress(new TooManyRequestsException({ ...metadata, message: "in progress" })));
});

test.run();
