import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brandMarkFontCss } from './brand-mark-font.js';

/** The site's stylesheet, minified, and its CSP hash (it is inlined: no extra request, no render blocking). */
export interface Stylesheet {
  css: string;
  cspHash: string;
}

/** Loads styles.css beside this module (the build copies it next to the compiled file), after the brand mark's font. */
export function loadStylesheet(): Stylesheet {
  const source = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');
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
