// Deployment packages built by a test or a bench, the way a deployment packages a function: a zip of named files.
import { constants, deflateRawSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";

const MIB = 1024 * 1024;

export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

/** A role ARN that passes Lambda's Role pattern; the lab has no IAM, so any such role can be assumed. */
export const LAMBDA_ROLE = "arn:aws:iam::111122223333:role/lab-function-role";

/**
 * `mib` MiB of zeros as one raw deflate stream, without ever holding them: one MiB deflated and flushed
 * to a byte boundary (Z_FULL_FLUSH: no back-reference crosses it), repeated, then a final empty block.
 */
export function deflatedZeros(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MIB), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array<Buffer>(mib).fill(block), deflateRawSync(Buffer.alloc(0))]);
}

export interface HandEntry {
  name: string;
  deflated: Buffer;
  declaredSize: number;
  crc: number;
}

/** A zip written by hand, so its local and central headers can declare any size and CRC, and repeat a name. */
export function handZip(entries: HandEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, deflated, declaredSize, crc } of entries) {
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed to extract
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(declaredSize, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(declaredSize, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, deflated);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The hostile tester's bomb: 4 GiB of zeros whose headers say 100 bytes (a ~4 MB zip). */
export function zipBomb(): Buffer {
  return handZip([{ name: "index.mjs", deflated: deflatedZeros(4096), declaredSize: 100, crc: 0 }]);
}
