// Where the functions' code is unpacked: one directory per package under one temp root per lab. A function
// in bwrap sees only its own package, read-only (sandbox.ts); without bwrap it could change another's (it
// runs as the lab's user), so every new execution environment gets its package checked first against what
// was unpacked, and unpacked again if anything in it changed (test/lab/isolation.test.ts: one account's function once rewrote
// another's code, and the victim's next Invoke answered for the attacker).
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { lstat, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { extractPackage } from "./code.js";

interface Unpacked {
  dir: string;
  /** What the directory held right after unpacking (treeDigest). */
  digest: string;
}

/** Temp roots still on disk: a process that ends without closing its lab still removes them. */
const liveRoots = new Set<string>();
process.once("exit", () => {
  for (const root of liveRoots) rmSync(root, { recursive: true, force: true });
});

export class PackageStore {
  private root?: Promise<string>;
  /** Per package, the last check: checks of one package run one after another. */
  private readonly checks = new Map<string, Promise<Unpacked>>();

  /** The directory of package `key` (a name unique to the zip), as unpacked from `zip`. */
  async checkout(key: string, zip: Buffer): Promise<string> {
    const previous = this.checks.get(key);
    const check = (previous ?? Promise.resolve(undefined)).catch(() => undefined).then((known) => this.verified(key, zip, known));
    this.checks.set(key, check);
    return (await check).dir;
  }

  async close(): Promise<void> {
    if (!this.root) return;
    const root = await this.root;
    await rm(root, { recursive: true, force: true });
    liveRoots.delete(root);
  }

  private async verified(key: string, zip: Buffer, known: Unpacked | undefined): Promise<Unpacked> {
    // A directory gone or unreadable is as changed as one rewritten.
    if (known && (await treeDigest(known.dir).catch(() => undefined)) === known.digest) return known;
    const dir = join(await this.tempRoot(), "functions", key);
    await rm(dir, { recursive: true, force: true });
    await extractPackage(zip, dir);
    return { dir, digest: await treeDigest(dir) };
  }

  /**
   * The temp root holds a node_modules link to the project's own, so that, run without bwrap, the function's
   * `import "@aws-sdk/client-dynamodb"` resolves by walking up from its file, as the SDK resolves on Lambda's
   * nodejs20.x runtime. Its package.json declares no "type", so a .js file without a package.json of its
   * own is CommonJS whatever lies above os.tmpdir() (Lambda's /var/task has nothing above it).
   */
  private tempRoot(): Promise<string> {
    this.root ??= (async () => {
      const root = await mkdtemp(join(tmpdir(), "awsomepets-lab-"));
      liveRoots.add(root);
      await writeFile(join(root, "package.json"), '{"private": true}\n');
      await symlink(projectNodeModules(), join(root, "node_modules"), "dir");
      return root;
    })();
    return this.root;
  }
}

/** The project's node_modules, found from an SDK package it depends on. */
export function projectNodeModules(): string {
  const resolved = createRequire(import.meta.url).resolve("@aws-sdk/client-sts");
  const marker = `${sep}node_modules${sep}`;
  return resolved.slice(0, resolved.indexOf(marker) + marker.length - 1);
}

/** A digest of everything under `dir`: names, kinds, contents, link targets (not times: reading changes them). */
async function treeDigest(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (relative: string): Promise<void> => {
    const names = (await readdir(join(dir, relative))).sort();
    for (const name of names) {
      const path = join(relative, name);
      const stat = await lstat(join(dir, path));
      if (stat.isDirectory()) {
        hash.update(`d ${path}\0`);
        await walk(path);
      } else if (stat.isFile()) {
        hash.update(`f ${path} ${stat.mode}\0`).update(await readFile(join(dir, path)));
      } else if (stat.isSymbolicLink()) {
        hash.update(`l ${path} ${await readlink(join(dir, path))}\0`);
      } else {
        hash.update(`? ${path}\0`);
      }
    }
  };
  await walk("");
  return hash.digest("hex");
}
