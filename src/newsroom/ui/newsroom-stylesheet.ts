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
.nr-header { border-bottom: 1px solid var(--rule); background: var(--tint); display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem 1rem; padding: .6rem 1rem; }
.nr-brand { font: 700 1.2rem/1.2 var(--serif); color: var(--ink); text-decoration: none; }
.nr-sidebar { display: none; }
.nr-menu { position: relative; }
.nr-menu summary { cursor: pointer; font-weight: 600; padding: .35rem .75rem; border: 1px solid var(--muted); border-radius: 4px; list-style: none; }
.nr-menu summary::-webkit-details-marker { display: none; }
.nr-menu summary::before { content: "\\2630\\a0" / ""; }
.nr-menu[open] > summary { background: var(--paper); }
.nr-menu[open] { flex-basis: 100%; }
.nr-menu[open] > summary { display: inline-block; margin-left: auto; }
.nr-nav-group { margin: .75rem 0 0; }
.nr-nav-heading { margin: 0 0 .25rem; color: var(--muted); font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .06em; }
.nr-nav ul { list-style: none; margin: 0; padding: 0; }
.nr-nav a { display: block; color: var(--ink); text-decoration: none; padding: .4rem .6rem; border-radius: 4px; border-left: 3px solid transparent; }
.nr-nav a:hover { background: var(--paper); }
.nr-nav a[aria-current="page"] { border-left-color: var(--accent); background: var(--paper); font-weight: 600; }
.nr-account { margin: 1rem 0 .25rem; padding-top: .75rem; border-top: 1px solid var(--rule); }
.nr-account p { margin: 0 0 .5rem; }
.nr-account-name { font-weight: 600; }
.nr-account form { margin: 0; }
.nr-main { max-width: 72rem; padding: 1.5rem 1rem 3rem; }
.nr-signed-out .nr-main { margin: 0 auto; }
.nr-signed-out .nr-header { justify-content: center; }
@media (min-width: 60rem) {
  .nr-signed-in { display: grid; grid-template-columns: 15rem minmax(0, 1fr); min-height: 100vh; }
  .nr-signed-in .nr-header { display: block; border-bottom: 0; border-right: 1px solid var(--rule); padding: 1rem; position: sticky; top: 0; height: 100vh; overflow-y: auto; }
  .nr-signed-in .nr-menu { display: none; }
  .nr-signed-in .nr-sidebar { display: block; }
  .nr-signed-in .nr-main { padding: 1.5rem 2rem 3rem; width: 100%; }
}
h1 { font: 700 1.75rem/1.2 var(--serif); margin: .5rem 0 1.25rem; }
h2 { font: 700 1.25rem/1.3 var(--serif); margin: 2rem 0 .75rem; }
.nr-notice { border-left: 4px solid var(--accent); background: var(--tint); padding: .75rem 1rem; margin: 0 0 1rem; }
.nr-error-summary { border: 2px solid #b3261e; padding: .75rem 1rem; margin: 0 0 1rem; }
.nr-error-summary h2 { margin: 0 0 .5rem; font-size: 1.1rem; }
.nr-field { margin: 0 0 1rem; }
.nr-field label { display: block; font-weight: 600; margin-bottom: .25rem; }
.nr-hint { color: var(--muted); font-size: .9rem; margin: 0 0 .25rem; }
.nr-field-error { color: #b3261e; font-weight: 600; margin: .25rem 0 0; }
@media (prefers-color-scheme: dark) { .nr-field-error { color: #ffb4ab; } .nr-error-summary { border-color: #ffb4ab; } }
input[type="text"], input[type="email"], input[type="password"], input[type="url"], input[type="search"], input[type="date"], input[type="datetime-local"], select, textarea {
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
.nr-actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: 0 0 1.25rem; }
.nr-columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; align-items: start; }
.nr-card { border: 1px solid var(--rule); border-radius: 6px; padding: .25rem 1rem .75rem; background: var(--paper); }
.nr-card h2 { margin: .75rem 0 .5rem; font-size: 1.1rem; display: flex; justify-content: space-between; align-items: baseline; gap: .5rem; }
.nr-card .nr-list li:last-child { border-bottom: 0; }
.nr-card-more { margin: .5rem 0 0; font-size: .9rem; }
.nr-count { font: 600 .85rem/1 var(--sans); font-variant-numeric: tabular-nums; background: var(--tint); border: 1px solid var(--rule); border-radius: 999px; padding: .2rem .55rem; }
.nr-filters { display: flex; flex-wrap: wrap; gap: .25rem .5rem; list-style: none; margin: 0 0 1rem; padding: 0; }
.nr-filters a { display: inline-block; padding: .3rem .7rem; border: 1px solid var(--rule); border-radius: 999px; text-decoration: none; color: var(--ink); }
.nr-filters a[aria-current="page"] { border-color: var(--accent); background: var(--tint); font-weight: 600; }
.nr-filter-form { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem 1rem; align-items: end; margin: 0 0 1rem; padding: 1rem; border: 1px solid var(--rule); border-radius: 6px; }
.nr-filter-form .nr-field { margin: 0; }
.nr-filter-form .nr-field-wide { grid-column: 1 / -1; }
.nr-bulk { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 0 0 1rem; }
.nr-bulk .nr-field { margin: 0; }
.nr-table-wrap { overflow-x: auto; }
.nr-table td.nr-select, .nr-table th.nr-select { width: 2.5rem; }
.nr-table input[type="checkbox"] { width: 1.15rem; height: 1.15rem; }
.nr-empty { border: 1px dashed var(--rule); border-radius: 6px; padding: 1rem; }
@media (max-width: 40rem) {
  .nr-table-stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .nr-table-stack tr { display: grid; grid-template-columns: 2.5rem 1fr; border-bottom: 1px solid var(--rule); padding: .5rem 0; }
  .nr-table-stack td { border: 0; padding: .15rem .5rem; grid-column: 2; }
  .nr-table-stack td.nr-select { grid-column: 1; grid-row: 1 / span 4; }
}
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
