import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../errors.js';
import type { ByteSource } from './source.js';

/**
 * A minimal ZIP reader: the central directory, then one entry at a time as a stream.
 *
 * Why not exceljs's own reader (unzipper in streaming mode): it reads entries in file order, and both
 * Excel and exceljs put xl/sharedStrings.xml *after* the worksheets, so exceljs spools every sheet to a
 * temporary file before parsing it. With the central directory we read the shared strings first and
 * then stream the sheet once (or twice: see xlsx.ts), straight from the upload.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byLowerName = new Map<string, ZipEntry>();

  private constructor(
    private readonly source: ByteSource,
    entries: ZipEntry[],
  ) {
    for (const e of entries) {
      this.byName.set(e.name, e);
      if (!this.byLowerName.has(e.name.toLowerCase())) this.byLowerName.set(e.name.toLowerCase(), e);
    }
  }

  static async open(source: ByteSource): Promise<ZipArchive> {
    return new ZipArchive(source, await readCentralDirectory(source));
  }

  /** Part names are case-sensitive in OPC, but some producers disagree with their own rels on case. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name) ?? this.byLowerName.get(name.toLowerCase());
  }

  /**
   * The entry's uncompressed bytes as chunks. `maxBytes` bounds what is inflated (a tiny ZIP can
   * inflate to gigabytes); exceeding it calls `onTooLarge`, which must throw.
   */
  async *chunks(entry: ZipEntry, maxBytes: number, onTooLarge: () => Error): AsyncGenerator<Buffer> {
    const start = await this.dataOffset(entry);
    const raw = this.source.stream(start, start + entry.compressedSize);
    if (entry.method === 0) {
      yield* countBytes(raw, maxBytes, onTooLarge);
      return;
    }
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    const piping = pipeline(raw, inflate);
    // The consumer may stop early (error found, header missing): destroying the streams then rejects
    // `piping` with a premature-close error that nobody needs to see.
    piping.catch(() => {});
    try {
      yield* countBytes(inflate, maxBytes, onTooLarge);
      await piping;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw notSpreadsheet('corrupt ZIP entry ' + entry.name);
    } finally {
      raw.destroy();
      inflate.destroy();
    }
  }

  /** A small entry (workbook, rels, styles) as text. */
  async text(entry: ZipEntry, maxBytes: number, onTooLarge: () => Error): Promise<string> {
    const parts: Buffer[] = [];
    for await (const c of this.chunks(entry, maxBytes, onTooLarge)) parts.push(c);
    return Buffer.concat(parts).toString('utf8');
  }

  private async dataOffset(entry: ZipEntry): Promise<number> {
    const h = await this.source.read(entry.localHeaderOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== 0x04034b50) throw notSpreadsheet('bad local header');
    return entry.localHeaderOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  }
}

async function* countBytes(
  stream: AsyncIterable<Buffer>,
  maxBytes: number,
  onTooLarge: () => Error,
): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) throw onTooLarge();
    yield chunk;
  }
}

function notSpreadsheet(reason: string): AppError {
  return new AppError('FILE_NOT_SPREADSHEET', {}, { reason });
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;

async function readCentralDirectory(source: ByteSource): Promise<ZipEntry[]> {
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535 bytes.
  const tailLen = Math.min(source.size, 22 + 65535 + 20);
  const tailStart = source.size - tailLen;
  const tail = await source.read(tailStart, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notSpreadsheet('no end of central directory');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    // ZIP64: a locator just before the EOCD points at the 64-bit record.
    if (eocd < 20 || tail.readUInt32LE(eocd - 20) !== EOCD64_LOCATOR) throw notSpreadsheet('bad zip64');
    const rec = await source.read(Number(tail.readBigUInt64LE(eocd - 20 + 8)), 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== EOCD64) throw notSpreadsheet('bad zip64 record');
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > source.size) throw notSpreadsheet('central directory out of range');
  const cd = await source.read(cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw notSpreadsheet('bad central directory');
    const flags = cd.readUInt16LE(p + 8);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      // Bit 11 says UTF-8; OOXML part names are ASCII in practice, so latin1 is a safe fallback.
      name: cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    // Encrypted entries cannot be read; a password-protected workbook is an OLE file anyway.
    if (flags & 0x1) throw notSpreadsheet('encrypted entry');
    if (entry.method !== 0 && entry.method !== 8) throw notSpreadsheet('unsupported compression');
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Sizes and offsets that overflow 32 bits live in the ZIP64 extra field, in this fixed order. */
function applyZip64Extra(entry: ZipEntry, extra: Buffer): void {
  let p = 0;
  while (p + 4 <= extra.length) {
    const id = extra.readUInt16LE(p);
    const len = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff && q + 8 <= p + 4 + len) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff && q + 8 <= p + 4 + len) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff && q + 8 <= p + 4 + len) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + len;
  }
}
