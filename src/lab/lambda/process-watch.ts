// Keeps one execution environment's processes within bounds (MemorySize enforced, nothing left running: test/lab/isolation.test.ts): it samples their resident memory
// together and reports when it passes the function's MemorySize (Lambda ends the environment then), ends the
// processes the function started once its call is over, and ends every one of them when the environment
// ends, detached ones (setsid, a new process group) and orphans (adopted by bwrap's PID-namespace init,
// which is in the tree) included. Reading /proc costs the lab's thread ~0.1 ms a file on a busy machine, so
// the end of a call looks at two files (the runtime's children), and the whole tree is read by the samples.
import { descendantsOf, firstChildOf, isZombie, mainThreadChildrenOf, residentBytes, signalEach } from "./process-tree.js";

/** While a call runs, memory is sampled this often: a function filling memory at a few GB/s overshoots its limit by a few hundred MB at most. */
const BUSY_SAMPLE_MS = 50;
/** While idle (Lambda would freeze it; the lab lets its timers run), less often. */
const IDLE_SAMPLE_MS = 1000;
/** A process ended after a call may have started another just before: look again this soon, this many times. */
const RESWEEP_MS = 100;
const MAX_RESWEEPS = 20;

export interface WatchOptions {
  /** The spawned process: leader of its process group (spawned with `detached`). */
  root: number;
  /** How many processes from the root down, each its parent's first child, are the runtime itself (sandbox.ts Launch). */
  runtimeDepth: number;
  limitBytes: number;
  /** Called once, with what the processes held, when they pass the limit. */
  onExceeded: (bytes: number) => void;
}

export class ProcessWatch {
  private timer?: NodeJS.Timeout;
  /** Busy from the start: the init phase runs the function's code too. */
  private busy = true;
  private peak = 0;
  private runtime?: number[];
  private stopped = false;

  constructor(private readonly options: WatchOptions) {
    this.schedule();
  }

  /** The init phase or a call is over: sample seldom. */
  idle(): void {
    this.busy = false;
    this.schedule();
  }

  /** A call starts: sample often, and count its peak from now. */
  callStarted(): void {
    this.busy = true;
    this.peak = 0;
    this.schedule();
  }

  /**
   * The call is over: its peak memory as sampled, and every process under the runtime's own ended, the
   * function's children, detached or adopted. Only the main thread's children are looked at now; a process
   * started from one of the function's worker threads ends at the next idle sample.
   */
  callEnded(): number {
    this.idle();
    const runtime = this.runtimeProcesses();
    if (runtime && this.startedAny(runtime)) this.endStrays(descendantsOf(this.options.root));
    return this.peak;
  }

  /** Node (the runtime's last process) started a process, or the one above it (bwrap's init) adopted one. */
  private startedAny(runtime: number[]): boolean {
    const node = runtime[runtime.length - 1]!;
    const adopter = runtime[runtime.length - 2];
    if (mainThreadChildrenOf(node).length > 0) return true;
    return adopter !== undefined && mainThreadChildrenOf(adopter).some((pid) => pid !== node);
  }

  private endStrays(all: number[], resweeps = MAX_RESWEEPS): void {
    const runtime = this.runtimeProcesses();
    if (!runtime) return;
    const strays = all.filter((pid) => !runtime.includes(pid) && !isZombie(pid));
    if (strays.length === 0) return;
    signalEach(strays, "SIGKILL");
    if (resweeps === 0) return;
    // A stray may have started another just before its signal: look again, until a new call runs (a sweep
    // then would end that call's processes).
    const again = setTimeout(() => !this.busy && !this.stopped && this.endStrays(descendantsOf(this.options.root), resweeps - 1), RESWEEP_MS);
    again.unref();
  }

  /** Ends every process of the environment, and the sampling. */
  endAll(): void {
    this.stop();
    const all = descendantsOf(this.options.root);
    signalEach([-this.options.root, this.options.root, ...all], "SIGKILL");
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sample();
      this.schedule();
    }, this.busy ? BUSY_SAMPLE_MS : IDLE_SAMPLE_MS);
    this.timer.unref();
  }

  private sample(): void {
    if (this.stopped) return;
    const all = descendantsOf(this.options.root);
    const bytes = residentBytes([this.options.root, ...all]);
    this.peak = Math.max(this.peak, bytes);
    if (bytes > this.options.limitBytes) {
      this.stop();
      return this.options.onExceeded(bytes);
    }
    if (!this.busy) this.endStrays(all);
  }

  /** The runtime's processes, found once they all exist (node has started inside bwrap). */
  private runtimeProcesses(): number[] | undefined {
    if (this.runtime) return this.runtime;
    const chain = [this.options.root];
    while (chain.length < this.options.runtimeDepth) {
      const next = firstChildOf(chain[chain.length - 1]!);
      if (next === undefined) return undefined;
      chain.push(next);
    }
    this.runtime = chain;
    return chain;
  }
}
