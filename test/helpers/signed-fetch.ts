// A request signed with SigV4 as the SDK signs it, for what the SDK cannot send (malformed bodies, unknown
// paths, presigned URLs): the lab checks the signatures of the keys it issued (src/lab/signature.ts).
import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Credentials } from "../../src/aws/clients.js";

export interface SignedFetch {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The signing name: "apigateway", "sts", "lambda", ... */
  service: string;
  region: string;
  credentials: Credentials;
}

/** STS's awsQuery request (a form-encoded POST of `body`, "Action=...&Version=2011-06-15"), as the SDK sends it. */
export function stsQuery(region: string, credentials: Credentials, body: string): SignedFetch {
  return { method: "POST", service: "sts", region, credentials, headers: { "content-type": "application/x-www-form-urlencoded" }, body };
}

/** fetch() of `url`, signed in the Authorization header. */
export async function signedFetch(url: string, options: SignedFetch): Promise<Response> {
  return fetch(url, { method: options.method ?? "GET", headers: await signedHeaders(url, options), body: options.body });
}

/** The headers that sign this request (Authorization, X-Amz-Date, ...), for a test to send with another body. */
export async function signedHeaders(url: string, options: SignedFetch): Promise<Record<string, string>> {
  const { request, signer } = prepare(url, options);
  const signed = await signer.sign(request);
  return withoutHost(signed.headers);
}

/** The URL signed in its query string (X-Amz-Signature), as a presigned URL is. */
export async function presignedUrl(url: string, options: SignedFetch & { expiresIn?: number }): Promise<string> {
  const { request, signer } = prepare(url, options);
  const signed = await signer.presign(request, { expiresIn: options.expiresIn ?? 300 });
  const target = new URL(url);
  target.search = "";
  for (const [name, value] of Object.entries(signed.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value ?? ""]) target.searchParams.append(name, one);
  }
  // URLSearchParams writes a space as "+"; SigV4 reads "+" as itself.
  return target.toString().replace(/\+/g, "%20");
}

function prepare(url: string, options: SignedFetch) {
  const target = new URL(url);
  const query: Record<string, string> = {};
  for (const [name, value] of target.searchParams) query[name] = value;
  const request = {
    method: options.method ?? "GET",
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query,
    headers: { host: target.host, ...(options.headers ?? {}) },
    body: options.body,
  };
  const signer = new SignatureV4({ service: options.service, region: options.region, credentials: options.credentials, sha256: Sha256 });
  return { request, signer };
}

/** fetch() sets Host itself, to the value signed. */
function withoutHost(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== "host"));
}
