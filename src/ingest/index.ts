export { importNinjsFile, saveArticlesAtomically, saveArticlesInTransaction, type ImportSummary } from './import-articles.js';
export { parseNinjsFile, splitNinjsDocuments, NinjsFileError, type ItemProblem } from './ninjs/parse-ninjs-file.js';
export { ninjsToArticle, parseByline, type NinjsDefaults } from './ninjs/ninjs-to-article.js';
export { articleToNinjs, type NinjsOut } from './ninjs/article-to-ninjs.js';
export { NinjsItemSchema, type NinjsItem } from './ninjs/ninjs-item.js';
