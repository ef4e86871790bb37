import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brandMarkFontCss } from './brand-mark-font.js';
import { sourceFile } from '../source-root.js';

/** The site's stylesheet, minified, and its CSP hash (it is inlined: no extra request, no render blocking). */
export interface Stylesheet {
  css: string;
  cspHash: string;
}

/** Loads site/styles.css (the build copies it next to the compiled modules), after the brand mark's font. */
export function loadStylesheet(): Stylesheet {
  const source = readFileSync(sourceFile('site/styles.css'), 'utf8');
  const css = minifyCss(`${brandMarkFontCss()}\n${source}`);
  return { css, cspHash: `'sha256-${createHash('sha256').update(css).digest('base64')}'` };
}

/** Drops comments and needless whitespace; enough for hand-written CSS. */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}
