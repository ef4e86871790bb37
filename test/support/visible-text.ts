import { Parser } from 'htmlparser2';

const HIDDEN = new Set(['head', 'script', 'style', 'template', 'noscript']);
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'li', 'div', 'header', 'footer', 'main', 'nav', 'section', 'article', 'blockquote', 'time', 'a', 'ul']);

/** The text a reader sees, as lines: hidden elements dropped, one line per block, whitespace collapsed. */
export function visibleLines(html: string): string[] {
  const lines: string[] = [];
  let current = '';
  let hiddenDepth = 0;
  const flush = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (HIDDEN.has(name)) hiddenDepth += 1;
        else if (BLOCKS.has(name) && name !== 'a' && name !== 'time') flush();
      },
      ontext(text) {
        if (hiddenDepth === 0) current += text;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hiddenDepth -= 1;
        else if (BLOCKS.has(name) && name !== 'a' && name !== 'time') flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return lines;
}

/** Checks that each expected text appears in a line, in order; returns the first one missing. */
export function findMissingInOrder(lines: string[], expected: string[]): string | undefined {
  let from = 0;
  for (const text of expected) {
    const index = lines.findIndex((line, i) => i >= from && line.includes(text));
    if (index === -1) return text;
    from = index + 1;
  }
  return undefined;
}
