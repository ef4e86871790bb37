import { createReadStream } from 'node:fs';

/** Read size: large enough that the per-chunk work is small, small enough to stay a bounded share of memory. */
const CHUNK_BYTES = 1024 * 1024;

/** An export file as UTF-8 text chunks, read as they are needed (a multi-byte character split between reads is decoded whole). */
export function readTextChunks(file: string): AsyncIterable<string> {
  return createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
}
