/** Runs async tasks one after another, in the order they were given. */
export interface OneAtATime {
  /** Runs the task once every earlier task has settled; resolves or rejects as the task does. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks given and not yet settled (the running one included). */
  readonly pending: number;
}

/**
 * A queue of one: image work (decoding, resizing, encoding) takes memory in proportion to the
 * pixels, so uploads that arrive together are processed in turn rather than all at once.
 */
export function createOneAtATime(): OneAtATime {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      pending += 1;
      const result = tail.then(task).finally(() => {
        pending -= 1;
      });
      // A failed task must not stop the ones after it.
      tail = result.catch(() => undefined);
      return result;
    },
    get pending() {
      return pending;
    },
  };
}
