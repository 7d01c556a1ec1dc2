// Reads a catalog file as text: gzip by magic number, encoding by byte-order mark, binary data refused.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { CatalogError } from './errors.js';

const HEAD_CHARS = 64 * 1024;

/** A one-line reason for a file-system or decompression error. */
export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file (check --catalog or PAPERBOY_CATALOG)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: cannot read it';
    case 'EISDIR':
      return 'is a directory, not a catalog file';
    case 'ENOTFILE':
      return 'is not a regular file (save the catalog to a file first)';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return 'is a damaged gzip file';
    default:
      return `cannot be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

/** Binary data: NUL bytes, or many undecodable/control characters near the start. */
function looksBinary(bytes: Uint8Array, text: string): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad > 8 && bad / sample.length > 0.02;
}

export async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(2);
    const { bytesRead } = await handle.read(bytes, 0, 2, 0);
    return bytesRead === 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The file's text in chunks: gunzipped when gzip, decoded by its BOM (UTF-8 by default). */
export async function* textChunks(file: string, gzip: boolean): AsyncGenerator<string> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  let stream: AsyncIterable<Buffer> = raw;
  if (gzip) {
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    raw.pipe(gunzip);
    stream = gunzip;
  }
  // StringDecoder is Node's native streaming decoder: much faster than TextDecoder in streaming mode.
  let decoder: { write(b: Buffer): string; end(): string } | undefined;
  try {
    for await (const chunk of stream) {
      if (!decoder) {
        let bytes = chunk;
        if (chunk[0] === 0xfe && chunk[1] === 0xff) {
          const be = new TextDecoder('utf-16be');
          decoder = { write: (b) => be.decode(b, { stream: true }), end: () => be.decode() };
        } else if (chunk[0] === 0xff && chunk[1] === 0xfe) {
          decoder = new StringDecoder('utf16le');
          bytes = chunk.subarray(2);
        } else {
          decoder = new StringDecoder('utf8');
          if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) bytes = chunk.subarray(3);
          const text = decoder.write(bytes);
          if (looksBinary(bytes, text)) {
            throw new CatalogError(
              file,
              'is binary data, not a catalog (expected JSON, JSONL or a trending page as text)',
            );
          }
          yield text;
          continue;
        }
        yield decoder.write(bytes);
      } else {
        yield decoder.write(chunk);
      }
    }
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    throw new CatalogError(file, describe(error));
  } finally {
    raw.destroy();
  }
  if (decoder) yield decoder.end();
}

/** Reads up to HEAD_CHARS of text for sniffing, keeping the generator for the rest. */
export async function readHead(chunks: AsyncGenerator<string>): Promise<{ head: string; done: boolean }> {
  let head = '';
  for (;;) {
    if (head.length >= HEAD_CHARS) return { head, done: false };
    const r = await chunks.next();
    if (r.done) return { head, done: true };
    head += r.value;
  }
}
