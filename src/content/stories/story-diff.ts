import { diffWordsWithSpace } from 'diff';
import { htmlToText } from '../text/index.js';

/** One run of a word diff: kept, added or removed text. */
export interface TextChange {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const BLOCK_END = /<\/(?:p|h[1-6]|li|blockquote|figcaption|pre|tr|figure)>|<br\s*\/?>/gi;

/** A body's readable text, one line per paragraph, heading or list item. */
export function bodyToLines(html: string): string {
  return html
    .split(BLOCK_END)
    .map((block) => htmlToText(block))
    .filter(Boolean)
    .join('\n');
}

/** Texts longer than this (per side, in characters) are not compared word by word. */
export const MAX_DIFF_TEXT_LENGTH = 200_000;
// A word diff costs time in proportion to the text times the number of edits (Myers): two long,
// very different versions took seconds. Beyond these bounds the page shows both texts instead.
const MAX_DIFF_EDITS = 4_000;
const MAX_DIFF_MS = 40;

/**
 * A word-by-word diff of two texts (pass bodies through bodyToLines first), or undefined when
 * they are too long or too different to compare within the time budget.
 */
export function diffStoryText(before: string, after: string): TextChange[] | undefined {
  if (before.length > MAX_DIFF_TEXT_LENGTH || after.length > MAX_DIFF_TEXT_LENGTH) return undefined;
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_DIFF_EDITS, timeout: MAX_DIFF_MS });
  return changes?.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
