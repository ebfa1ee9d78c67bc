import { suite } from "uvu";
import * as assert from "uvu/assert";
import { parseShard, shardOf } from "../../src/grade/shard.js";

const shard = suite("grade: --shard i/n");

shard("shards partition the roster exactly: in order, every row once, sizes within one", () => {
  for (let rows = 0; rows <= 40; rows++) {
    const roster = Array.from({ length: rows }, (_, i) => i);
    for (let count = 1; count <= 9; count++) {
      const slices = Array.from({ length: count }, (_, i) => shardOf(roster, { index: i + 1, count }));
      assert.equal(slices.flat(), roster, `${rows} rows in ${count} shards`);
      const sizes = slices.map((slice) => slice.length);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${rows}/${count}: sizes ${sizes.join(",")}`);
    }
  }
});

shard("no --shard is the whole roster", () => {
  assert.equal(shardOf([1, 2, 3], undefined), [1, 2, 3]);
});

shard("i/n is parsed; anything else is refused", () => {
  assert.equal(parseShard("2/5"), { index: 2, count: 5 });
  assert.equal(parseShard(" 1 / 1 "), { index: 1, count: 1 });
  for (const bad of ["0/3", "4/3", "1/0", "1", "a/b", "1/2/3", "-1/2", ""]) assert.is(parseShard(bad), undefined, bad);
});

shard.run();
