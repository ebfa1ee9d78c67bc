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

/** The characters string-width's patched fast path measures one by one, as a regular expression's ranges. */
export const FAST_WIDTH: string;

export interface DependencyAlias {
  /** The imported package, bundled from `from`'s copy when `importers` import it. */
  name: string;
  importers: string[];
  from: string;
}

export const ALIASES: DependencyAlias[];
