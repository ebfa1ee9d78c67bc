// The deployment package: a zip uploaded as base64 in the JSON body (botocore's lambda model), checked the way
// Lambda checks it on upload and unpacked where the function runs.
//
// A zip is hostile input: its declared sizes can lie (4 GB of zeros declared as 100 bytes) and its
// names can clash or climb out of the directory. So nothing here trusts the zip's directory: every
// entry is inflated at upload, off the event loop (zlib streams run in libuv's thread pool), its real
// bytes counted against Lambda's unzipped limit and checked against its declared size (yauzl's
// validateEntrySizes), and inflation stops at the first byte past the limit. What would fail to unpack
// later (a name that is both a file and a folder, a file under a symlink, a path out of the directory)
// is refused at upload, never at the first Invoke.
//
// Sources cited in this file:
// - botocore's lambda model: https://github.com/boto/botocore/blob/develop/botocore/data/lambda/2015-03-31/service-2.json
// - Lambda quotas: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AwsError } from "../protocol.js";
import { invalidParameter, requestTooLarge } from "./errors.js";

/**
 * Lambda quotas, https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (Lambda quotas):
 * 50 MB zipped for a direct upload, 250 MB (262144000 bytes) unzipped.
 */
const MAX_ZIPPED = 50 * 1024 * 1024;
export const MAX_UNZIPPED = 250 * 1024 * 1024;

/** Linux's PATH_MAX less the terminating NUL: the longest target a symlink can hold. */
const MAX_LINK_TARGET = 4095;
/** Linux's NAME_MAX: the longest name of one path segment, in bytes. */
const MAX_SEGMENT_BYTES = 255;

export interface Package {
  zip: Buffer;
  /** base64 SHA-256 of the zip, as CodeSha256 carries it. */
  sha256: string;
}

export interface PackageLimits {
  /** Bytes the package may unpack to (files and symlink targets); Lambda's 250 MB unless a test says less. */
  maxUnzipped?: number;
}

/** Decodes and checks a ZipFile member for `operation` (CreateFunction or UpdateFunctionCode). */
export async function readPackage(base64: string, operation: string, limits: PackageLimits = {}): Promise<Package> {
  const zip = Buffer.from(base64, "base64");
  if (zip.length > MAX_ZIPPED) throw requestTooLarge(`Request must be smaller than 69905067 bytes for the ${operation} operation`);
  await checkPackage(zip, limits);
  return { zip, sha256: createHash("sha256").update(zip).digest("base64") };
}

/**
 * Inflates the whole package without writing it, counting real bytes. Throws InvalidParameterValueException
 * as Lambda does: "Unzipped size must be smaller than 262144000 bytes" (the text Lambda answers, quoted in
 * serverless/serverless#6792 and jkehler/awslambda-psycopg2#82), or "Could not unzip uploaded file. ..."
 * (quoted in aws-samples/aws-rds-snapshot-management#4) for a zip that cannot be unpacked. That Lambda
 * answers this same text for clashing names, files under symlinks and escaping paths is UNCONFIRMED.
 */
export async function checkPackage(zip: Buffer, limits: PackageLimits = {}): Promise<void> {
  await unpack(zip, limits.maxUnzipped ?? MAX_UNZIPPED, { file: async () => discard(), link: async () => {} });
}

/**
 * Unpacks a package into `dir`, under the same rules as the upload: folders first, then files (created
 * exclusively, so nothing is ever written over or through an existing path), and symlinks last, so no
 * entry is ever written through a link.
 */
export async function extractPackage(zip: Buffer, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await unpack(zip, MAX_UNZIPPED, {
    folder: (path) => mkdir(join(dir, path), { recursive: true }).then(() => {}),
    file: async (path) => createWriteStream(join(dir, path), { flags: "wx" }),
    // Lambda keeps symlinks (users deploy pnpm node_modules and links to /opt, e.g. pnpm/pnpm#6166,
    // aws/aws-sam-cli#4364; UNCONFIRMED by AWS's documentation), so the lab keeps them too, targets as
    // written: a link is never written through here, and the function's own code could read any path anyway.
    link: (path, target) => symlink(target, join(dir, path)),
  });
}

type Kind = "folder" | "file" | "link";

/** The package as one tree: every folder (named or implied by a path under it), then files and links. */
interface Layout {
  folders: string[];
  files: Planned[];
  links: Planned[];
}

interface Planned {
  entry: Entry;
  kind: Kind;
  /** Normalised relative path: segments joined by "/", no "", "." or "..". */
  path: string;
}

interface Sinks {
  folder?: (path: string) => Promise<void>;
  /** Where a file's bytes go; the stream is ended when the entry is done. */
  file: (path: string) => Promise<Writable>;
  link: (path: string, target: string) => Promise<void>;
}

const corrupt = () => invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
const tooLarge = (limit: number) => invalidParameter(`Unzipped size must be smaller than ${limit} bytes`);

async function unpack(zip: Buffer, limit: number, sinks: Sinks): Promise<void> {
  try {
    const zipFile = await yauzl.fromBufferPromise(zip, { validateEntrySizes: true });
    const { folders, files, links } = planLayout(await entriesOf(zipFile));
    // Declared sizes only refuse early: a zip over the limit by its own account is refused unread; one
    // under it is still counted byte by byte below, and yauzl fails an entry whose bytes exceed its size.
    if ([...files, ...links].reduce((sum, { entry }) => sum + entry.uncompressedSize, 0) > limit) throw tooLarge(limit);
    const count = counter(limit);
    for (const path of folders) await sinks.folder?.(path);
    for (const { entry, path } of files) {
      await pipeline(await zipFile.openReadStreamPromise(entry), count, await sinks.file(path));
    }
    for (const { entry, path } of links) {
      await sinks.link(path, await linkTarget(await zipFile.openReadStreamPromise(entry), count));
    }
  } catch (error) {
    // The lab's own refusals and the file system's errors (ENOSPC, EEXIST while extracting) keep their
    // meaning; anything else came from reading or inflating the zip.
    if (error instanceof AwsError || isSystemError(error)) throw error;
    throw corrupt();
  }
}

function isSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code);
}

async function entriesOf(zipFile: ZipFile): Promise<Entry[]> {
  const entries: Entry[] = [];
  for await (const entry of zipFile.eachEntry()) entries.push(entry);
  return entries;
}

/** A pipeline stage that passes bytes on and fails the moment the package's running total passes `limit`. */
function counter(limit: number) {
  let total = 0;
  return async function* count(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > limit) throw tooLarge(limit);
      yield chunk;
    }
  };
}

async function linkTarget(stream: Readable, count: ReturnType<typeof counter>): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of count(stream)) {
    length += chunk.length;
    if (length > MAX_LINK_TARGET) throw corrupt();
    chunks.push(chunk);
  }
  const target = Buffer.concat(chunks).toString("utf8");
  if (target.length === 0 || target.includes("\0")) throw corrupt();
  return target;
}

/** What each entry is and where it goes; throws for what cannot be unpacked as one tree. */
function planLayout(entries: Entry[]): Layout {
  const plan = entries.flatMap((entry): Planned[] => {
    const kind = kindOf(entry);
    const path = normalise(entry.fileName);
    if (path === "" && kind === "folder") return []; // "./": the directory itself
    if (path === "") throw corrupt();
    if (kind === "link" && entry.uncompressedSize > MAX_LINK_TARGET) throw corrupt();
    return [{ entry, kind, path }];
  });
  const claimed = new Map<string, Kind>();
  for (const { kind, path } of plan) claim(claimed, path, kind);
  for (const { path } of plan) for (const parent of parentsOf(path)) claim(claimed, parent, "folder");
  const folders = [...claimed].filter(([, kind]) => kind === "folder").map(([path]) => path);
  const only = (kind: Kind) => plan.filter((planned) => planned.kind === kind);
  return { folders, files: only("file"), links: only("link") };
}

/**
 * A path is one folder (named any number of times), or one file, or one link: `a` as a file and `a/b`,
 * a file twice, or a link `a` and a file `a/b` under it (the extractor would write through the link)
 * cannot all be unpacked, so they are refused.
 */
function claim(claimed: Map<string, Kind>, path: string, kind: Kind): void {
  const held = claimed.get(path);
  if (held === undefined) claimed.set(path, kind);
  else if (held !== "folder" || kind !== "folder") throw corrupt();
}

function parentsOf(path: string): string[] {
  const segments = path.split("/");
  return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join("/"));
}

/** Unix mode bits sit in the high half of the external attributes (Info-ZIP's convention, APPNOTE 4.4.15). */
function kindOf(entry: Entry): Kind {
  const type = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (entry.fileName.endsWith("/") || type === 0o040000) return "folder";
  return type === 0o120000 ? "link" : "file";
}

/**
 * yauzl has already refused absolute paths and ".." segments, and turned "\\" into "/"; what is left
 * is dropping "" and "." segments and refusing names Linux cannot hold.
 */
function normalise(name: string): string {
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.some((segment) => segment.includes("\0") || Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) throw corrupt();
  return segments.join("/");
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}
