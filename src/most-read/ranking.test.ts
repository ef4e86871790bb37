import { expect, test } from 'vitest';
import { inRankingOrder, isSameOrder, isSameRanking, mostReadKey } from './ranking.js';

const ranking = (...pairs: [number, number][]) => pairs.map(([articleId, views]) => ({ articleId, views }));

test('a ranking changes order when its stories or their order change, not when only the counts move', () => {
  expect(isSameOrder(ranking([1, 9], [2, 5]), ranking([1, 12], [2, 6]))).toBe(true);
  expect(isSameRanking(ranking([1, 9], [2, 5]), ranking([1, 12], [2, 6]))).toBe(false);
  expect(isSameRanking(ranking([1, 9], [2, 5]), ranking([1, 9], [2, 5]))).toBe(true);
  expect(isSameOrder(ranking([1, 9], [2, 5]), ranking([2, 9], [1, 5]))).toBe(false);
  expect(isSameOrder(ranking([1, 9]), ranking([1, 9], [2, 5]))).toBe(false);
  expect(isSameOrder([], [])).toBe(true);
});

test('stories are put in ranking order; those not found (unpublished since) are left out', () => {
  const stories = [{ id: 3 }, { id: 1 }];
  expect(inRankingOrder(ranking([1, 9], [2, 5], [3, 4]), stories)).toEqual([{ id: 1 }, { id: 3 }]);
});

test('the front page and each section front have their own key', () => {
  expect([mostReadKey(), mostReadKey('markets')]).toEqual(['most-read', 'most-read:markets']);
});
