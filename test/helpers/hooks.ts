// uvu swallows an error thrown in a suite's `before` hook: its tests are counted as not run, without the
// error, and uvu still exits 0 (node_modules/uvu/dist/index.mjs, `runner`: the `finally` returns). Every
// `before` hook of the suite goes through `printingErrors`, which prints the error, naming the suite, then rethrows;
// scripts/test.mjs fails a file whose Passed is below its Total. (`before.each` needs no wrapper: uvu reports
// its error as the test's failure.)

/** The hook, printing its error (with the suite's name) before rethrowing it. */
export function printingErrors<T>(hook: (ctx: T) => unknown): (ctx: T) => Promise<void> {
  return async (ctx) => {
    try {
      await hook(ctx);
    } catch (error) {
      const suite = (ctx as { __suite__?: string } | undefined)?.__suite__;
      console.error(`setup of ${suite ? `"${suite}"` : "a suite"} failed, so its tests do not run:`, error);
      throw error;
    }
  };
}
