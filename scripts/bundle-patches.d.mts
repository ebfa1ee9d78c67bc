// Types of bundle-patches.mjs, for the tests that read its list.
import type { Plugin } from "esbuild";

export interface DependencyPatch {
  name: string;
  /** The patched files, as paths inside node_modules: `cli-table3/src/cell.js`. */
  files: string[];
  /** The file's source, changed; unchanged when it no longer has what the patch changes. */
  apply(source: string): string;
}

export const PATCHES: DependencyPatch[];
export const patchDependencies: Plugin;
