// What Linux's /proc tells about an execution environment's processes: the tree under its first process
// (every thread's children, since any thread may start one), each process's resident memory and start
// time. Synchronous on purpose: /proc is answered from kernel memory in microseconds, and a read that
// waits behind the lab's busy thread pool would let a runaway function grow meanwhile. Where there is no
// /proc (not Linux), the tree is the first process alone and its memory is unknown (0).
import { existsSync, readdirSync, readFileSync } from "node:fs";

const HAS_PROC = existsSync("/proc/self/task");

/** The direct children of `pid`, started by any of its threads; none once it has ended. */
export function childrenOf(pid: number): number[] {
  if (!HAS_PROC) return [];
  const children: number[] = [];
  for (const thread of listOrNone(`/proc/${pid}/task`)) {
    for (const child of readOrEmpty(`/proc/${pid}/task/${thread}/children`).split(" ")) if (child.trim()) children.push(Number(child));
  }
  return children;
}

/** The children `pid`'s main thread started: one read, where childrenOf reads one file per thread. */
export function mainThreadChildrenOf(pid: number): number[] {
  if (!HAS_PROC) return [];
  return readOrEmpty(`/proc/${pid}/task/${pid}/children`).split(" ").filter((child) => child.trim()).map(Number);
}

/** Every process under `pid`, children before grandchildren. */
export function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  const seen = new Set([pid]);
  for (let queue = [pid]; queue.length > 0; ) {
    const next: number[] = [];
    for (const parent of queue) {
      for (const child of childrenOf(parent)) {
        if (seen.has(child)) continue;
        seen.add(child);
        found.push(child);
        next.push(child);
      }
    }
    queue = next;
  }
  return found;
}

/** The resident memory of these processes together, in bytes (VmRSS; 0 for one that has ended). */
export function residentBytes(pids: number[]): number {
  if (!HAS_PROC) return 0;
  let kib = 0;
  for (const pid of pids) {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readOrEmpty(`/proc/${pid}/status`));
    if (match) kib += Number(match[1]);
  }
  return kib * 1024;
}

/** When the process started, in clock ticks after boot (field 22 of /proc/<pid>/stat); undefined once it has ended. */
export function startTimeOf(pid: number): number | undefined {
  const ticks = Number(statFields(pid)[19]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

/** Ended, not yet collected by its parent: nothing left to end. */
export function isZombie(pid: number): boolean {
  return statFields(pid)[0] === "Z";
}

/** The fields of /proc/<pid>/stat from the third (state) on; none once it has ended. */
function statFields(pid: number): string[] {
  if (!HAS_PROC) return [];
  const stat = readOrEmpty(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ")".
  return stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ") : [];
}

/** The earliest started of `pid`'s children: the one it started itself, not an orphan it adopted since. */
export function firstChildOf(pid: number): number | undefined {
  let first: { pid: number; start: number } | undefined;
  for (const child of childrenOf(pid)) {
    const start = startTimeOf(child);
    if (start !== undefined && (!first || start < first.start)) first = { pid: child, start };
  }
  return first?.pid;
}

/** Sends `signal` to each process; one that has ended already is no error. */
export function signalEach(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // ESRCH: it ended meanwhile.
    }
  }
}

/** A process that ended meanwhile (ENOENT, ESRCH) has nothing to read. */
function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function listOrNone(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
