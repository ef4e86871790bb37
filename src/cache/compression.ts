import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants as zlibConstants, gzip, gzipSync } from 'node:zlib';

/** Content codings the cache compresses to. */
export type CompressedEncoding = 'br' | 'gzip';

/**
 * Brotli quality for a cache miss, compressed on the event loop. Quality 5 takes under a
 * millisecond for a 20 KB page and is a few bytes larger than quality 9, which takes 15 ms.
 */
export const MISS_BROTLI_QUALITY = 5;
/** Brotli quality a page that is asked for again gets, compressed on the thread pool. */
export const HOT_BROTLI_QUALITY = 11;
/** gzip level for a miss: level 6 (zlib's default) is a third of level 9's time for nearly the same size. */
export const MISS_GZIP_LEVEL = 6;

/**
 * Largest body compressed on the event loop: about 3 ms at brotli 5. A larger one (a full-text
 * feed of long stories can reach megabytes) is compressed on the thread pool, and served
 * uncompressed until that is done.
 */
export const MAX_SYNC_COMPRESS_BYTES = 96 * 1024;

const brotliCompressAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function brotliOptions(quality: number, size: number) {
  return { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: quality, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: size } };
}

// zlib returns a single-chunk result as a view of its 16 KB (or larger) output chunk, so a 4 KB
// page variant kept in the cache would hold on to the whole chunk: four times what the cache
// counts against PAGE_CACHE_MB. A copy of exactly the compressed bytes lets the chunk go.
function exactCopy(compressed: Buffer): Buffer {
  return compressed.byteLength === compressed.buffer.byteLength ? compressed : Buffer.copyBytesFrom(compressed);
}

/** Compresses a body quickly enough to answer a cache miss on the event loop (≤ 1 ms for a page). */
export function compressForMiss(body: Buffer, encoding: CompressedEncoding): Buffer {
  return exactCopy(encoding === 'br' ? brotliCompressSync(body, brotliOptions(MISS_BROTLI_QUALITY, body.length)) : gzipSync(body, { level: MISS_GZIP_LEVEL }));
}

/** Compresses a body too large for the event loop at the miss settings, on the thread pool. */
export async function compressOffLoop(body: Buffer, encoding: CompressedEncoding): Promise<Buffer> {
  return exactCopy(encoding === 'br' ? await brotliCompressAsync(body, brotliOptions(MISS_BROTLI_QUALITY, body.length)) : await gzipAsync(body, { level: MISS_GZIP_LEVEL }));
}

/** Compresses an answer no cache keeps: on the event loop up to MAX_SYNC_COMPRESS_BYTES, else on the thread pool. */
export async function compressUncached(body: Buffer, encoding: CompressedEncoding): Promise<Buffer> {
  return body.length > MAX_SYNC_COMPRESS_BYTES ? compressOffLoop(body, encoding) : compressForMiss(body, encoding);
}

/**
 * Compresses a body as small as brotli can, off the event loop (zlib's thread pool); gzip
 * gains too little from a higher level to be worth redoing. Undefined for encodings it skips.
 */
export async function compressForHotPage(body: Buffer, encoding: CompressedEncoding): Promise<Buffer | undefined> {
  if (encoding !== 'br') return undefined;
  return exactCopy(await brotliCompressAsync(body, brotliOptions(HOT_BROTLI_QUALITY, body.length)));
}
