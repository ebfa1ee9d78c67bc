// --shard i/n: the i-th of n contiguous slices of the roster, for a CI matrix. Slices are cut from the
// roster's rows in their order (bad rows included), so the n shards together hold every row exactly once.

export interface Shard {
  index: number;
  count: number;
}

/** "2/5" → { index: 2, count: 5 }; undefined when the text is not i/n with 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/** Rows [⌊(i−1)·N/n⌋, ⌊i·N/n⌋): sizes differ by at most one. */
export function shardOf<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...items];
  const from = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const to = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(from, to);
}
