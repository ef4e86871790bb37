import { describe, expect, test } from 'vitest';
import type { ArticleStatus } from '../articles/index.js';
import { checkPublishTime, checkStep, statusAfter, type StoryStep } from './story-rules.js';

const STATUSES: ArticleStatus[] = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];

// Every step from every status: ✓ allowed, – refused. The workflow of docs/newsroom.md.
const EXPECTED: Record<StoryStep, Record<ArticleStatus, boolean>> = {
  save: { draft: true, in_review: true, scheduled: true, published: false, unpublished: true },
  submit: { draft: true, in_review: false, scheduled: false, published: false, unpublished: true },
  schedule: { draft: true, in_review: true, scheduled: true, published: false, unpublished: true },
  unschedule: { draft: false, in_review: false, scheduled: true, published: false, unpublished: false },
  publish: { draft: true, in_review: true, scheduled: true, published: false, unpublished: true },
  update: { draft: false, in_review: false, scheduled: false, published: true, unpublished: false },
  unpublish: { draft: false, in_review: false, scheduled: false, published: true, unpublished: false },
  correct: { draft: false, in_review: false, scheduled: false, published: true, unpublished: false },
  restore: { draft: true, in_review: true, scheduled: true, published: true, unpublished: true },
};

describe('checkStep', () => {
  for (const [step, byStatus] of Object.entries(EXPECTED) as [StoryStep, Record<ArticleStatus, boolean>][]) {
    for (const status of STATUSES) {
      const isAllowed = byStatus[status];
      test(`${step} from ${status}: ${isAllowed ? 'allowed' : 'refused'}`, () => {
        const verdict = checkStep(status, step);
        expect(verdict.isAllowed).toBe(isAllowed);
        if (!verdict.isAllowed) expect(verdict.reason).toMatch(/^This story is /);
      });
    }
  }

  test('a refusal says what to do instead', () => {
    const verdict = checkStep('published', 'save');
    expect(verdict).toEqual({ isAllowed: false, reason: 'This story is published: use "Update" to change it.' });
  });
});

describe('statusAfter', () => {
  test.each([
    ['draft', 'submit', 'in_review'],
    ['in_review', 'schedule', 'scheduled'],
    ['scheduled', 'unschedule', 'draft'],
    ['in_review', 'publish', 'published'],
    ['published', 'unpublish', 'unpublished'],
    ['published', 'update', 'published'],
    ['published', 'correct', 'published'],
    ['in_review', 'save', 'in_review'],
    ['scheduled', 'restore', 'scheduled'],
  ] as [ArticleStatus, StoryStep, ArticleStatus][])('%s, %s → %s', (from, step, to) => {
    expect(statusAfter(from, step)).toBe(to);
  });
});

describe('checkPublishTime', () => {
  const now = new Date('2026-05-01T09:30:40Z');
  test('later and this very minute are allowed', () => {
    expect(checkPublishTime(new Date('2026-05-01T09:31:00Z'), now).isAllowed).toBe(true);
    expect(checkPublishTime(new Date('2026-05-01T09:30:00Z'), now).isAllowed).toBe(true);
  });
  test('an earlier minute is refused', () => {
    expect(checkPublishTime(new Date('2026-05-01T09:29:00Z'), now)).toEqual({ isAllowed: false, reason: expect.stringContaining('in the past') });
  });
  test('an invalid date is refused', () => {
    expect(checkPublishTime(new Date('nope'), now).isAllowed).toBe(false);
  });
});
