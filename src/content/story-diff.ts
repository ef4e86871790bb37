import { diffWordsWithSpace } from 'diff';
import { htmlToText } from './article-text.js';

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

/** A word-by-word diff of two texts; pass bodies through bodyToLines first. */
export function diffStoryText(before: string, after: string): TextChange[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
