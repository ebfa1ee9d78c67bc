// How an execution environment's process is started (isolation of hostile functions: test/lab/isolation.test.ts). Where bubblewrap (`bwrap`, Debian's package
// bubblewrap) works, the function runs in a view of its own, laid out as Lambda's: its code read-only at
// /var/task, the runtime at /var/runtime, the SDK at /var/runtime/node_modules, the system's /usr
// read-only, a private /tmp, its own /proc (a PID namespace: it sees and signals only its own processes,
// and no other process's environment) and nothing else of the host: no home directory, no other
// function's code, no lab files. It shares the host's network, so its SDK calls reach the lab on 127.0.0.1.
// Without bwrap (or with AWSOMEPETS_LAB_SANDBOX=none), it is a plain child process of the lab, under the
// lab's own user: what isolates it then is only what environment.ts adds (its own environment variables,
// MemorySize, its processes ended after each call), as the READMEs say.
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, lstat, readlink, realpath } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The runtime a child runs. scripts/cli.mjs copies it beside the bundle, where this URL finds it then. */
const BOOTSTRAP = fileURLToPath(new URL("./bootstrap.mjs", import.meta.url));
/** Where Lambda keeps the function's code and its runtime [Lambda guide, "Defined runtime environment variables"]. */
const TASK_ROOT = "/var/task";
const RUNTIME_DIR = "/var/runtime";
/** RIC's own file on Lambda (error texts name it): the lab's bootstrap appears there inside the sandbox. */
const RUNTIME_ENTRY = `${RUNTIME_DIR}/index.mjs`;
/** What a function's program needs of the host's system: binaries and libraries, read-only. */
const SYSTEM_PATHS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64"];
const PROBE_LIMIT_MS = 30_000;
/** Name resolution, time zone, users and TLS roots, where the host has them. */
const ETC_PATHS = ["/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/passwd", "/etc/group", "/etc/localtime", "/etc/ssl", "/etc/ca-certificates"];

export interface LaunchOptions {
  /** The unpacked code on the host. */
  codeDir: string;
  /** The project's node_modules, where the function's `@aws-sdk/...` resolves. */
  nodeModules: string;
  /** Flags for node itself (the heap limit). */
  nodeArgs: string[];
  /** The size of the function's /tmp, in bytes (a tmpfs: memory of the host). */
  tmpBytes: number;
}

export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  /**
   * How many processes, from the spawned one down through each one's first child, make up the runtime
   * itself (bwrap, its PID-namespace init, node): anything else under them is the function's own.
   */
  runtimeDepth: number;
  /** The process ends with 128 + n, not by signal n, when the function's runtime is killed by signal n (bwrap's way). */
  signalInStatus: boolean;
}

export interface Sandbox {
  readonly kind: "bwrap" | "none";
  /** Where the function sees its code (LAMBDA_TASK_ROOT). */
  taskRoot(codeDir: string): string;
  launch(options: LaunchOptions): Launch;
}

/**
 * Functions run at nice 10, below the lab: where the kernel schedules processes one by one, a function spinning
 * or filling memory gets about a tenth of the lab's share of a busy CPU. Where it schedules sessions as groups
 * (autogroup, on in most distributions' kernels), an environment's session (a new one: setsid) competes as a
 * whole with the lab's, and nice ranks its processes only among themselves; the lab leaves that so (lowering
 * the session's own priority, /proc/<pid>/autogroup, made warm calls 2-3x slower on a busy machine). Lambda
 * gives a function CPU in proportion to its memory; the lab only ranks.
 */
const NICENESS = "10";

let bubblewrap: Promise<Sandbox> | undefined;
let nice: Promise<string | undefined> | undefined;

/**
 * The way to start functions, read when a lab starts: none when AWSOMEPETS_LAB_SANDBOX=none, else bwrap
 * when it is on the PATH and works (tried for real once per process), else none.
 */
export async function detectSandbox(): Promise<Sandbox> {
  nice ??= findOnPath("nice");
  const chosen = process.env.AWSOMEPETS_LAB_SANDBOX === "none" ? UNSANDBOXED : await (bubblewrap ??= tryBubblewrap().catch(() => UNSANDBOXED));
  return niced(chosen, await nice);
}

/** The same launches through `nice` (it execs the command: the process is the same, at a lower priority). */
function niced(sandbox: Sandbox, nicePath: string | undefined): Sandbox {
  if (!nicePath) return sandbox;
  return {
    kind: sandbox.kind,
    taskRoot: (codeDir) => sandbox.taskRoot(codeDir),
    launch: (options) => {
      const launch = sandbox.launch(options);
      return { ...launch, command: nicePath, args: ["-n", NICENESS, launch.command, ...launch.args] };
    },
  };
}

async function tryBubblewrap(): Promise<Sandbox> {
  const bwrap = await findOnPath("bwrap");
  if (!bwrap) return UNSANDBOXED;
  const sandbox = new Bubblewrap(bwrap, await systemBinds(), await nodeBinds());
  return (await works(sandbox)) ? sandbox : UNSANDBOXED;
}

const UNSANDBOXED: Sandbox = {
  kind: "none",
  taskRoot: (codeDir) => codeDir,
  launch: ({ codeDir, nodeArgs }) => ({ command: process.execPath, args: [...nodeArgs, BOOTSTRAP], cwd: codeDir, runtimeDepth: 1, signalInStatus: false }),
};

class Bubblewrap implements Sandbox {
  readonly kind = "bwrap";

  constructor(
    private readonly bwrap: string,
    private readonly system: string[],
    private readonly node: { binds: string[]; path: string },
  ) {}

  taskRoot(): string {
    return TASK_ROOT;
  }

  launch({ codeDir, nodeModules, nodeArgs, tmpBytes }: LaunchOptions): Launch {
    const args = [
      // A PID namespace: /proc lists only the function's processes; kill(-1) reaches only them; all of them
      // end when its first process does. --die-with-parent: they end with the lab too.
      "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
      "--die-with-parent", "--new-session", "--cap-drop", "ALL",
      ...this.system,
      ...this.node.binds,
      "--ro-bind", codeDir, TASK_ROOT,
      "--ro-bind", BOOTSTRAP, RUNTIME_ENTRY,
      "--ro-bind", nodeModules, `${RUNTIME_DIR}/node_modules`,
      // ESM `import` ignores NODE_PATH and walks up from /var/task: /var/node_modules is on its way.
      "--symlink", "runtime/node_modules", "/var/node_modules",
      "--proc", "/proc", "--dev", "/dev",
      "--size", String(tmpBytes), "--tmpfs", "/tmp",
      "--size", String(tmpBytes), "--tmpfs", "/dev/shm",
      // The rest of the view (its root, /dev) is read-only: the function writes to /tmp only, as on Lambda.
      "--remount-ro", "/dev", "--remount-ro", "/",
      "--chdir", TASK_ROOT,
      "--", this.node.path, ...nodeArgs, RUNTIME_ENTRY,
    ];
    return { command: this.bwrap, args, cwd: codeDir, runtimeDepth: 3, signalInStatus: true };
  }
}

/** The system directories as the host has them: a symlink (merged /usr) stays a symlink. */
async function systemBinds(): Promise<string[]> {
  const binds: string[] = [];
  for (const path of SYSTEM_PATHS) {
    const stat = await lstat(path).catch(() => undefined);
    if (stat?.isSymbolicLink()) binds.push("--symlink", await readlink(path), path);
    else if (stat?.isDirectory()) binds.push("--ro-bind", path, path);
  }
  for (const path of ETC_PATHS) binds.push("--ro-bind-try", path, path);
  return binds;
}

/** The lab's own node, visible at its real path when it is not under /usr (nvm, a tarball in /opt, ...). */
async function nodeBinds(): Promise<{ binds: string[]; path: string }> {
  const path = await realpath(process.execPath);
  const dir = dirname(path);
  const underSystem = SYSTEM_PATHS.some((system) => dir === system || dir.startsWith(`${system}/`));
  return { binds: underSystem ? [] : ["--ro-bind", dir, dir], path };
}

async function findOnPath(command: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return candidate;
  }
  return undefined;
}

/**
 * bwrap may be installed where it cannot work (no user namespaces for an unprivileged user, a container
 * without CAP_SYS_ADMIN): one real start of node in the full layout tells.
 */
async function works(sandbox: Bubblewrap): Promise<boolean> {
  const dir = dirname(BOOTSTRAP);
  const { command, args } = sandbox.launch({ codeDir: dir, nodeModules: dir, nodeArgs: [], tmpBytes: 1024 * 1024 });
  const probe = args.slice(0, args.indexOf("--") + 2).concat("--version");
  return new Promise((resolve) => {
    const child = spawn(command, probe, { stdio: "ignore", env: {} });
    // `node --version` answers at once; a bwrap that hangs instead is as good as none.
    const timer = setTimeout(() => child.kill("SIGKILL"), PROBE_LIMIT_MS);
    child.once("error", () => resolve(false));
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}
