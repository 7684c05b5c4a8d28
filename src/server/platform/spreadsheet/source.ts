import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { AppError } from '../errors.js';

/**
 * Random access to the uploaded bytes, whether they sit in memory or in a temporary file. The xlsx
 * reader needs it because a ZIP is read from its end (central directory) and its entries are then
 * streamed from their offsets; a file is never loaded whole into memory.
 */
export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  /** Bytes [start, end) as a stream. */
  stream(start: number, end: number): Readable;
  close(): Promise<void>;
}

export const MIB = 1024 * 1024;

export function tooLarge(maxBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', { limitMb: Math.max(1, Math.round(maxBytes / MIB)) });
}

/** Opens the input and refuses it before reading anything when it exceeds `maxBytes`. */
export async function openSource(input: Buffer | string, maxBytes: number): Promise<ByteSource> {
  if (typeof input !== 'string') {
    if (input.length > maxBytes) throw tooLarge(maxBytes);
    return bufferSource(input);
  }
  const { size } = await stat(input);
  if (size > maxBytes) throw tooLarge(maxBytes);
  return fileSource(input, size, await open(input, 'r'));
}

function bufferSource(buf: Buffer): ByteSource {
  return {
    size: buf.length,
    read: async (position, length) => buf.subarray(position, Math.min(buf.length, position + length)),
    // One chunk: the consumer (zlib) splits its output anyway.
    stream: (start, end) => Readable.from([buf.subarray(start, end)], { objectMode: false }),
    close: async () => {},
  };
}

function fileSource(path: string, size: number, handle: FileHandle): ByteSource {
  return {
    size,
    async read(position, length) {
      const len = Math.max(0, Math.min(length, size - position));
      const out = Buffer.alloc(len);
      let done = 0;
      while (done < len) {
        const { bytesRead } = await handle.read(out, done, len - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return out.subarray(0, done);
    },
    stream: (start, end) =>
      end > start
        ? createReadStream(path, { start, end: end - 1, highWaterMark: 256 * 1024 })
        : Readable.from([], { objectMode: false }),
    close: () => handle.close(),
  };
}
