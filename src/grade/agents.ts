// Keep-alive connections shared by every participant's clients: a connection (a TLS session, on AWS) is not
// tied to credentials, so the grader opens one per endpoint instead of one per account. A client's
// destroy() would end its agent; these ignore it, and the run closes them once, at its end.
import { Agent as HttpAgent, type AgentOptions } from "node:http";
import { Agent as HttpsAgent } from "node:https";

const OPTIONS: AgentOptions = { keepAlive: true, maxSockets: 256 };

class KeptHttpAgent extends HttpAgent {
  override destroy(): void {}
  close(): void {
    super.destroy();
  }
}

class KeptHttpsAgent extends HttpsAgent {
  override destroy(): void {}
  close(): void {
    super.destroy();
  }
}

export interface SharedAgents {
  http: HttpAgent;
  https: HttpsAgent;
  close(): void;
}

export function sharedAgents(): SharedAgents {
  const http = new KeptHttpAgent(OPTIONS);
  const https = new KeptHttpsAgent(OPTIONS);
  return { http, https, close: () => (http.close(), https.close()) };
}
