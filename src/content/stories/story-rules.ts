import type { ArticleStatus } from '../articles/index.js';

/** A workflow step a newsroom user can take on a story. */
export type StoryStep = 'save' | 'submit' | 'schedule' | 'unschedule' | 'publish' | 'update' | 'unpublish' | 'correct' | 'restore';

/** A step allowed, or refused with a reason a person can act on. */
export type StepVerdict = { isAllowed: true } | { isAllowed: false; reason: string };

const allowed: StepVerdict = { isAllowed: true };

const STATUS_WORDS: Record<ArticleStatus, string> = {
  draft: 'a draft',
  in_review: 'in review',
  scheduled: 'scheduled',
  published: 'published',
  unpublished: 'unpublished',
};

/** How a status reads in a sentence ("is in review"). */
export function describeStatus(status: ArticleStatus): string {
  return STATUS_WORDS[status];
}

function refuse(reason: string): StepVerdict {
  return { isAllowed: false, reason };
}

/**
 * Whether a story in this status may take the step. The workflow: draft → in review → scheduled
 * (or straight to published) → published → updated / unpublished; unpublished stories can be
 * edited, submitted, scheduled or published again.
 */
export function checkStep(status: ArticleStatus, step: StoryStep): StepVerdict {
  const now = `This story is ${describeStatus(status)}`;
  switch (step) {
    case 'restore':
      // Restoring a live story's revision is an update: the route asks for publish permission.
      return allowed;
    case 'save':
      // Edits to a live story go out through "Update", which says whether the change is material.
      return status === 'published' ? refuse(`${now}: use "Update" to change it.`) : allowed;
    case 'submit':
      return status === 'draft' || status === 'unpublished' ? allowed : refuse(`${now}: only drafts can be submitted for review.`);
    case 'schedule':
      return status === 'published' ? refuse(`${now} already: unpublish it first to schedule it again.`) : allowed;
    case 'unschedule':
      return status === 'scheduled' ? allowed : refuse(`${now}, not scheduled.`);
    case 'publish':
      return status === 'published' ? refuse(`${now} already: use "Update" to change it.`) : allowed;
    case 'update':
    case 'unpublish':
    case 'correct':
      return status === 'published' ? allowed : refuse(`${now}: only published stories can be ${step === 'correct' ? 'corrected' : step === 'update' ? 'updated' : 'unpublished'}.`);
  }
}

/** The status a story has after a step. */
export function statusAfter(status: ArticleStatus, step: StoryStep): ArticleStatus {
  switch (step) {
    case 'submit':
      return 'in_review';
    case 'schedule':
      return 'scheduled';
    case 'unschedule':
      return 'draft';
    case 'publish':
      return 'published';
    case 'unpublish':
      return 'unpublished';
    default:
      return status;
  }
}

/** Whether a publish time is acceptable: to the minute, and not in the past. */
export function checkPublishTime(publishAt: Date, now: Date): StepVerdict {
  if (Number.isNaN(publishAt.getTime())) return refuse('Give the publish time as a date and time, like 2026-05-01 09:30.');
  // To the minute: a time in the current minute counts as "now" and is allowed.
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  if (publishAt.getTime() < minuteStart) return refuse('The publish time is in the past: pick a later time, or publish now.');
  return allowed;
}
