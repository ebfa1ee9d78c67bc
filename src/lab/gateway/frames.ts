// API Gateway limits single WebSocket frames to 32 KB, apart from the 128 KB limit on a whole message
// (API Gateway's WebSocket quotas). The `ws` package only limits whole messages, so the gateway reads the
// frame headers of what the client sends (RFC 6455 section 5.2) alongside `ws`, without consuming it.
//
// Sources cited in this file:
// - API Gateway's WebSocket quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html

/** Follows the frame boundaries of a client's byte stream and reports the first oversized data frame. */
export class FrameSizeScanner {
  private header = Buffer.alloc(0);
  /** Payload bytes of the current frame still to pass by. */
  private remaining = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds the next bytes; true when they complete the header of a data frame above the limit. */
  oversized(chunk: Buffer): boolean {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining > 0) {
        const skipped = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= skipped;
        offset += skipped;
        continue;
      }
      const missing = this.headerLength() - this.header.length;
      const taken = chunk.subarray(offset, offset + missing);
      this.header = Buffer.concat([this.header, taken]);
      offset += taken.length;
      if (this.header.length < this.headerLength()) continue;
      const opcode = this.header[0]! & 0x0f;
      this.remaining = this.payloadLength();
      this.header = Buffer.alloc(0);
      // Control frames (opcode >= 8) carry at most 125 bytes and are not messages.
      if (opcode < 0x08 && this.remaining > this.maxFrameBytes) return true;
    }
    return false;
  }

  /** 2 bytes, then 2 or 8 bytes of extended length, then the 4-byte mask every client frame carries. */
  private headerLength(): number {
    if (this.header.length < 2) return 2;
    const length7 = this.header[1]! & 0x7f;
    const masked = (this.header[1]! & 0x80) !== 0;
    return 2 + (length7 === 126 ? 2 : length7 === 127 ? 8 : 0) + (masked ? 4 : 0);
  }

  private payloadLength(): number {
    const length7 = this.header[1]! & 0x7f;
    if (length7 === 126) return this.header.readUInt16BE(2);
    if (length7 === 127) return Number(this.header.readBigUInt64BE(2));
    return length7;
  }
}
