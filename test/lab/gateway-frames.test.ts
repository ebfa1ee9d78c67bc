// The frame-size guard of the gateway: API Gateway's 32 KB frame quota (API Gateway's WebSocket quotas) read
// from RFC 6455 frame headers, whatever way the bytes are split into chunks.
//
// Sources cited in this file:
// - API Gateway's WebSocket quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
import { test } from "uvu";
import * as assert from "uvu/assert";
import { FrameSizeScanner } from "../../src/lab/gateway/frames.js";

/** A masked client frame (RFC 6455 5.2) with `length` payload bytes. */
function clientFrame(length: number, opcode = 0x1, fin = true): Buffer {
  const lengthBytes = length < 126 ? [length] : length < 65536 ? [126, length >> 8, length & 0xff] : [127, 0, 0, 0, 0, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff];
  const header = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | lengthBytes[0]!, ...lengthBytes.slice(1), 1, 2, 3, 4]);
  return Buffer.concat([header, Buffer.alloc(length, 0x61)]);
}

function feed(scanner: FrameSizeScanner, bytes: Buffer, chunkSize: number): boolean {
  for (let at = 0; at < bytes.length; at += chunkSize) if (scanner.oversized(bytes.subarray(at, at + chunkSize))) return true;
  return false;
}

test("frames up to 32 KB pass, in any chunking (7-, 16- and 64-bit lengths)", () => {
  const stream = Buffer.concat([clientFrame(5), clientFrame(300), clientFrame(32 * 1024), clientFrame(0, 0x9), clientFrame(125)]);
  for (const chunk of [1, 2, 3, 7, 1000, stream.length]) assert.not.ok(feed(new FrameSizeScanner(32 * 1024), stream, chunk), `chunks of ${chunk}`);
});

test("a data frame of 32 KB + 1 byte is reported as soon as its header is complete", () => {
  const scanner = new FrameSizeScanner(32 * 1024);
  const frame = clientFrame(32 * 1024 + 1);
  assert.not.ok(scanner.oversized(frame.subarray(0, 3)));
  assert.ok(scanner.oversized(frame.subarray(3, 8)));
});

test("an oversized frame after small ones and continuation frames is found; 64-bit lengths are read", () => {
  const stream = Buffer.concat([clientFrame(10), clientFrame(20 * 1024, 0x1, false), clientFrame(20 * 1024, 0x0, true), clientFrame(70 * 1024, 0x0)]);
  assert.ok(feed(new FrameSizeScanner(32 * 1024), stream, 4096));
  assert.ok(feed(new FrameSizeScanner(32 * 1024), clientFrame(70_000), 10));
});

test.run();
