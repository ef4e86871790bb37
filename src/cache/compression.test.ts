import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { compressForHotPage, compressForMiss, HOT_BROTLI_QUALITY, MISS_BROTLI_QUALITY, MISS_GZIP_LEVEL } from './compression.js';

const BODY = Buffer.from(`<!doctype html><main>${'<p>Markets rallied on Friday as investors cheered the central bank’s pause.</p>'.repeat(150)}</main>`);
const brotliAt = (quality: number) => brotliCompressSync(BODY, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: quality, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: BODY.length } });

describe('compression choice', () => {
  test('a miss is compressed at a cheap setting: brotli quality 5, gzip level 6', () => {
    expect(MISS_BROTLI_QUALITY).toBeLessThanOrEqual(5);
    expect(compressForMiss(BODY, 'br').equals(brotliAt(MISS_BROTLI_QUALITY))).toBe(true);
    expect(compressForMiss(BODY, 'gzip').equals(gzipSync(BODY, { level: MISS_GZIP_LEVEL }))).toBe(true);
    expect(brotliDecompressSync(compressForMiss(BODY, 'br')).equals(BODY)).toBe(true);
    expect(gunzipSync(compressForMiss(BODY, 'gzip')).equals(BODY)).toBe(true);
  });

  test('a hot page gets brotli at its best quality, and is no larger than the miss bytes', async () => {
    const best = await compressForHotPage(BODY, 'br');
    expect(best?.equals(brotliAt(HOT_BROTLI_QUALITY))).toBe(true);
    expect(best!.length).toBeLessThanOrEqual(compressForMiss(BODY, 'br').length);
    expect(brotliDecompressSync(best!).equals(BODY)).toBe(true);
  });

  test('gzip is not recompressed (a higher level gains too little)', async () => {
    expect(await compressForHotPage(BODY, 'gzip')).toBeUndefined();
  });
});
