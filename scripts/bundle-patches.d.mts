// Types of bundle-patches.mjs, for the tests that read its list.
import type { Plugin } from "esbuild";

export interface DependencyPatch {
  name: string;
  /** The patched file, as a path inside node_modules: `cli-table3/src/cell.js`. */
  file: string;
  /** The text the patch changes; without it in the installed file, the patch does nothing. */
  find: string;
  apply(source: string): string;
}

export const PATCHES: DependencyPatch[];
export const patchDependencies: Plugin;
