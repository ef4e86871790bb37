import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { AppError } from '../../errors.js';
import { htmlToText, HtmlTextCollector } from '../text/index.js';
import { checkBodyLimits, MAX_BODY_MARKUP, MAX_BODY_NESTING } from './body-limits.js';
import { bodyPolicy, bodyPolicyFor } from './sanitize-policy.js';

/**
 * Cleans story HTML to the body allowlist; the result is safe to render as is. With `baseUrl`,
 * relative links and image sources (and protocol-relative ones, which the allowlist would drop)
 * are made absolute against it first. Refuses bodies too complex to parse in time (BODY_TOO_COMPLEX).
 */
export function sanitizeBodyHtml(html: string, options: { baseUrl?: string } = {}): string {
  return sanitizeBodyToText(html, options).html;
}

/** {@link sanitizeBodyHtml} with the body's readable text (`htmlToText` of the result), read in the same parse. */
export function sanitizeBodyToText(html: string, { baseUrl }: { baseUrl?: string } = {}): { html: string; text: string } {
  const breach = checkBodyLimits(html);
  if (breach) {
    const message =
      breach === 'too_deep'
        ? `The body nests tags more than ${MAX_BODY_NESTING} levels deep: simplify its structure, or paste it as plain text.`
        : `The body holds more than ${MAX_BODY_MARKUP.toLocaleString('en')} tags and "<" or "&" characters: split it into several stories, or simplify it.`;
    throw new AppError('BODY_TOO_COMPLEX', 'invalid', message, { body: breach });
  }
  // One pass can leave nesting that a parser reads differently the next time (a <tr> inside a <td>,
  // a block inside a <p>); a second pass settles it, so saving a saved body changes nothing. Most
  // bodies are settled after one: reading the result once shows it (and gives its text), and only
  // the others take the second pass.
  const firstPolicy = bodyPolicyFor(baseUrl);
  const once = sanitizeHtml(html, firstPolicy);
  const settledText = readIfSettled(once);
  if (settledText !== undefined) return { html: once.trim(), text: settledText };
  const twice = sanitizeHtml(once, bodyPolicy).trim();
  return { html: twice, text: htmlToText(twice) };
}

// Elements with no end tag: the parser closes them itself.
const VOID_TAGS = new Set(['br', 'hr', 'img']);

/**
 * The readable text of sanitizer output when sanitizing it again would change nothing, else
 * undefined. The sanitizer escapes every "<" of text and attribute values, so each "<" in its output
 * opens or closes a tag. The output is settled when the parser reads every one of those tags as
 * written (each opened and closed explicitly, none implied, none ignored) and it holds no paragraph
 * the empty-paragraph rule would drop. Wary by design: anything else takes the second pass.
 */
function readIfSettled(html: string): string | undefined {
  const collector = new HtmlTextCollector();
  let tagsRead = 0;
  let isSettled = true;
  // The open elements, innermost last, each paragraph with whether it holds text or an image yet.
  const open: { name: string; hasContent: boolean }[] = [];
  const parser = new Parser(
    {
      ontext: (text) => {
        collector.addText(text);
        if (text.trim() !== '') for (const element of open) element.hasContent = true;
      },
      onopentag: (name, _attributes, isImplied) => {
        collector.addTag(name);
        if (isImplied) isSettled = false;
        tagsRead += 1;
        // An image keeps the paragraph it sits in directly (the sanitizer counts direct media children).
        if (name === 'img' && open.at(-1)?.name === 'p') open.at(-1)!.hasContent = true;
        if (!VOID_TAGS.has(name)) open.push({ name, hasContent: false });
      },
      onclosetag: (name, isImplied) => {
        collector.addTag(name);
        if (VOID_TAGS.has(name)) return;
        if (isImplied) isSettled = false;
        tagsRead += 1;
        const element = open.pop();
        if (element?.name !== name || (name === 'p' && !element.hasContent)) isSettled = false;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return isSettled && tagsRead === countOf('<', html) ? collector.text() : undefined;
}

function countOf(character: string, text: string): number {
  let count = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) count += 1;
  return count;
}

/** Turns plain text (paragraphs separated by blank lines) into escaped paragraph HTML. */
export function plainTextToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('');
}

/** Escapes the five characters that matter in HTML text and attributes. */
export function escapeHtml(text: string): string {
  // Native replacements, not a callback per character: a body can hold hundreds of thousands.
  return text.replaceAll('&', '&#38;').replaceAll('<', '&#60;').replaceAll('>', '&#62;').replaceAll('"', '&#34;').replaceAll("'", '&#39;');
}
