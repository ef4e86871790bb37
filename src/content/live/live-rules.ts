// Live coverage as pure rules: what an update's text may be, and which coverage steps each state allows.

/** The longest update readers see, in characters of text: a live update is a paragraph or two, not a story. */
export const LIVE_UPDATE_MAX_CHARACTERS = 1500;

/** Coverage states: updates are posted while live; ended coverage keeps its updates and takes no more. */
export type CoverageState = 'live' | 'ended';

/** A coverage step an editor takes. */
export type CoverageStep = 'start' | 'post' | 'edit' | 'end';

/** The outcome of a rule: allowed, or refused with a reason a person can act on. */
export type Verdict = { isAllowed: true } | { isAllowed: false; reason: string };

/** The text of an update, checked: trimmed, line ends kept for paragraphs, or the reason it is refused. */
export function checkUpdateText(raw: string): { text: string } | { reason: string } {
  // Counted before any other work, so an oversized paste costs a length check.
  if (raw.length > LIVE_UPDATE_MAX_CHARACTERS * 2) return { reason: `An update is at most ${LIVE_UPDATE_MAX_CHARACTERS} characters; this one is ${raw.length}.` };
  const text = raw.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  if (!text) return { reason: 'Write the update readers will see.' };
  const length = Array.from(text).length;
  if (length > LIVE_UPDATE_MAX_CHARACTERS) return { reason: `An update is at most ${LIVE_UPDATE_MAX_CHARACTERS} characters; this one is ${length}.` };
  return { text };
}

/**
 * Whether a coverage step is allowed in a state (undefined: the story has never been live). A story
 * goes live once and may go live again after it ended (the next session); updates are posted while
 * live; an update may be edited, pinned or deleted after the end too (a correction to the record).
 */
export function checkCoverageStep(state: CoverageState | undefined, step: CoverageStep): Verdict {
  switch (step) {
    case 'start':
      return state === 'live' ? { isAllowed: false, reason: 'This story is live already.' } : { isAllowed: true };
    case 'post':
      return state === 'live' ? { isAllowed: true } : { isAllowed: false, reason: state === 'ended' ? 'Coverage has ended: turn the story live again to post.' : 'Turn the story live before posting updates.' };
    case 'edit':
      return state === undefined ? { isAllowed: false, reason: 'This story has no live coverage.' } : { isAllowed: true };
    case 'end':
      return state === 'live' ? { isAllowed: true } : { isAllowed: false, reason: 'This story is not live.' };
  }
}

/** An update's words without markup (its HTML is escaped plain text in paragraphs): for key points and structured data. */
export function textOfUpdate(bodyHtml: string): string {
  return bodyHtml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/\s+/g, ' ')
    .trim();
}
