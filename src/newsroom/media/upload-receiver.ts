import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import { AppError } from '../../errors.js';
import { uploadTooLarge, type UploadedFile } from './upload-media.js';

/** What was received of an upload: its words, and its file on disk (if one was sent). */
export interface ReceivedUpload {
  file: UploadedFile | undefined;
  fields: Record<string, string>;
  /** Removes the temporary file; call it once the upload is done, whatever happened. */
  discard(): Promise<void>;
}

/** What receiving needs: where to write the file. */
export interface ReceiveOptions {
  createTemporaryPath(): Promise<string>;
}

/**
 * Reads a multipart upload part by part: the words into memory (busboy bounds their size and
 * number), the `file` part streamed into a temporary file, never held whole in memory. A file
 * past the multipart `fileSize` limit (MAX_UPLOAD_BYTES where the plugin is registered) stops the
 * reading at once (AppError MEDIA_TOO_LARGE); on that or any other
 * error (a client that gives up half-way, a broken body) the temporary file is removed.
 */
export async function receiveUpload(parts: AsyncIterable<Multipart>, { createTemporaryPath }: ReceiveOptions): Promise<ReceivedUpload> {
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  let output: WriteStream | undefined;
  const discard = async () => {
    // A stream torn down early may still be opening or closing its file: wait for it (not with
    // events.once, which rejects on the 'error' a torn-down stream emits first).
    const stream = output;
    if (stream && !stream.closed) await new Promise<void>((resolve) => stream.once('close', () => resolve()));
    if (file) await rm(file.path, { force: true });
  };
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      // Only the first part named "file" is kept; any other file part is read past and dropped.
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      file = { name: part.filename || 'upload', path: await createTemporaryPath(), bytes: 0 };
      // busboy stops at fileSize and says so: end the stream there rather than skip the rest of it.
      part.file.once('limit', () => part.file.destroy(uploadTooLarge()));
      output = createWriteStream(file.path, { flags: 'wx' });
      await pipeline(part.file, output);
      if (part.file.truncated) throw uploadTooLarge();
      file.bytes = output.bytesWritten;
    }
    return { file, fields, discard };
  } catch (error) {
    await discard();
    throw asClientError(error);
  }
}

// busboy reports a body cut short or malformed as a bare Error: that is the client's doing, a
// 400 with a message, not a 500. Errors that already carry a status (the plugin's limits) stay.
function asClientError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return error;
  return new AppError('MEDIA_UPLOAD_INCOMPLETE', 'invalid', 'The upload arrived incomplete or malformed. Choose the file again and send the form once more.', {
    file: 'incomplete',
  });
}
