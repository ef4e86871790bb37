// The text rules every content capability shares: slugs, whitespace, HTML → text, teasers and word
// counts (pure). The only file other modules import from this folder.
export { cleanText, collapseWhitespace, countWords, deriveTeaser, htmlToText, HtmlTextCollector, slugify } from './article-text.js';
