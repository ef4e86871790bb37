import type { Writable } from 'node:stream';

/** What became of a stream of lines: how many were written, and whether the reader left early. */
export interface LinesWritten {
  written: number;
  isReaderGone: boolean;
}

/**
 * Writes lines to a stream, waiting for it to drain, until they run out or the reader goes away
 * (`fortune-sky export | head` closes the pipe: EPIPE ends the output quietly). Other write errors throw.
 */
export async function writeLinesUntilClosed(output: Writable, lines: AsyncIterable<string>): Promise<LinesWritten> {
  let isReaderGone = false;
  let failure: Error | undefined;
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') isReaderGone = true;
    else failure = error;
  };
  output.on('error', onError);
  let written = 0;
  try {
    for await (const line of lines) {
      if (failure) throw failure;
      if (isReaderGone || output.destroyed) break;
      written += 1;
      if (!output.write(line)) await drainedOrClosed(output);
    }
    if (failure) throw failure;
    return { written, isReaderGone: isReaderGone || output.destroyed };
  } finally {
    // Keep swallowing a late EPIPE: an unhandled 'error' event would end the process with a stack trace.
    if (!isReaderGone) output.off('error', onError);
  }
}

function drainedOrClosed(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('close', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
    output.on('error', done);
  });
}
