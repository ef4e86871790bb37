import { createHash } from 'node:crypto';
import { minifyCss } from '../../site/stylesheet.js';

/** The newsroom's inline stylesheet and its CSP hash. */
export interface NewsroomStylesheet {
  css: string;
  cspHash: string;
}

// Layout and forms of the newsroom; colours and fonts come from the reader site's custom properties.
const NEWSROOM_CSS = `
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 1rem/1.5 var(--sans); }
a { color: var(--accent); text-underline-offset: .18em; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--accent); color: var(--accent-ink); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
.nr-wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.nr-header { border-bottom: 1px solid var(--rule); background: var(--tint); }
.nr-header .nr-wrap { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding-top: .5rem; padding-bottom: .5rem; }
.nr-brand { font: 700 1.2rem/1.2 var(--serif); color: var(--ink); text-decoration: none; }
.nr-nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
.nr-nav a { color: var(--ink); text-decoration: none; padding: .25rem 0; border-bottom: 2px solid transparent; }
.nr-nav a[aria-current="page"] { border-bottom-color: var(--accent); font-weight: 600; }
.nr-account { margin-left: auto; display: flex; align-items: center; gap: .75rem; }
.nr-account form { margin: 0; }
main { padding: 1.5rem 0 3rem; }
h1 { font: 700 1.75rem/1.2 var(--serif); margin: 0 0 1rem; }
h2 { font: 700 1.25rem/1.3 var(--serif); margin: 2rem 0 .75rem; }
.nr-notice { border-left: 4px solid var(--accent); background: var(--tint); padding: .75rem 1rem; margin: 0 0 1rem; }
.nr-error-summary { border: 2px solid #b3261e; padding: .75rem 1rem; margin: 0 0 1rem; }
.nr-error-summary h2 { margin: 0 0 .5rem; font-size: 1.1rem; }
.nr-field { margin: 0 0 1rem; }
.nr-field label { display: block; font-weight: 600; margin-bottom: .25rem; }
.nr-hint { color: var(--muted); font-size: .9rem; margin: 0 0 .25rem; }
.nr-field-error { color: #b3261e; font-weight: 600; margin: .25rem 0 0; }
@media (prefers-color-scheme: dark) { .nr-field-error { color: #ffb4ab; } .nr-error-summary { border-color: #ffb4ab; } }
input[type="text"], input[type="email"], input[type="password"], input[type="url"], input[type="search"], input[type="datetime-local"], select, textarea {
  font: inherit; color: var(--ink); background: var(--paper); border: 1px solid var(--muted); border-radius: 4px; padding: .45rem .6rem; width: 100%; max-width: 32rem;
}
textarea { max-width: var(--measure); min-height: 6rem; }
[aria-invalid="true"] { border-color: #b3261e; border-width: 2px; }
.nr-button { font: inherit; font-weight: 600; cursor: pointer; border: 1px solid var(--accent); border-radius: 4px; padding: .45rem 1rem; background: var(--accent); color: var(--accent-ink); }
.nr-button-secondary { background: transparent; color: var(--accent); }
.nr-button-danger { background: transparent; color: #b3261e; border-color: #b3261e; }
.nr-inline-form { display: inline-flex; flex-wrap: wrap; align-items: end; gap: .5rem; margin: 0; }
.nr-inline-form .nr-field { margin: 0; }
.nr-table { border-collapse: collapse; width: 100%; }
.nr-table th, .nr-table td { text-align: left; padding: .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
.nr-list { list-style: none; margin: 0; padding: 0; }
.nr-list li { padding: .5rem 0; border-bottom: 1px solid var(--rule); }
.nr-meta { color: var(--muted); font-size: .9rem; font-variant-numeric: tabular-nums; }
.nr-narrow { max-width: 32rem; }
.nr-sections { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 2rem; }
.nr-media-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 1rem; list-style: none; margin: 1rem 0; padding: 0; }
.nr-media-grid img { display: block; max-width: 100%; height: auto; }
.nr-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.nr-suggestions { display: grid; grid-template-columns: auto 1fr; gap: 0 .75rem; margin: .25rem 0 0; font-size: .9rem; }
.nr-suggestions dt { color: var(--muted); }
.nr-suggestions dd { margin: 0; }
.nr-duplicates { margin: .5rem 0 0; padding-left: 1.25rem; font-size: .9rem; }
.nr-facts { display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; margin: 0 0 1.5rem; }
.nr-facts dd { margin: 0; }
.nr-secret { display: block; overflow-wrap: anywhere; padding: .5rem; background: var(--paper); user-select: all; }
.nr-profile-photo { display: block; width: 6rem; height: 6rem; object-fit: cover; border-radius: 50%; margin: 0 0 .5rem; }
`;

/** The site's custom properties (colours, fonts, dark scheme) out of its minified stylesheet. */
export function siteCustomProperties(siteCss: string): string {
  const light = siteCss.match(/:root\{[^}]*\}/)?.[0] ?? '';
  const dark = siteCss.match(/@media\(prefers-color-scheme:dark\)\{:root\{[^}]*\}\}/)?.[0] ?? '';
  return light + dark;
}

/** Builds the newsroom stylesheet over the reader site's custom properties. */
export function buildNewsroomStylesheet(siteCss: string): NewsroomStylesheet {
  const css = siteCustomProperties(siteCss) + minifyCss(NEWSROOM_CSS);
  return { css, cspHash: `'sha256-${createHash('sha256').update(css).digest('base64')}'` };
}
