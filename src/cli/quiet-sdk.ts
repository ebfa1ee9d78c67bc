// Imported first by every command: the AWS SDK prints a Node-version notice on stderr under Node 20
// (@aws-sdk/core emitWarningIfUnsupportedVersion), which is noise in what users read. This switch is the
// SDK's own; it also reaches the lab's functions, which inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
