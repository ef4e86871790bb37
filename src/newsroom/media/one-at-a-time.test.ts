import { describe, expect, test } from 'vitest';
import { createOneAtATime } from './one-at-a-time.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('one at a time', () => {
  test('tasks given together run one after another, in order', async () => {
    const queue = createOneAtATime();
    let running = 0;
    let mostAtOnce = 0;
    const order: number[] = [];
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        queue.run(async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await tick();
          order.push(n);
          running -= 1;
          return n * 10;
        }),
      ),
    );
    expect(results).toEqual([10, 20, 30, 40]);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(mostAtOnce).toBe(1);
    expect(queue.pending).toBe(0);
  });

  test('a failing task rejects its own caller and does not hold up the next', async () => {
    const queue = createOneAtATime();
    const failed = queue.run(async () => {
      await tick();
      throw new Error('broken image');
    });
    const next = queue.run(async () => 'next ran');
    await expect(failed).rejects.toThrow('broken image');
    await expect(next).resolves.toBe('next ran');
  });
});
