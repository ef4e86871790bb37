export { importNinjsFile, saveArticlesAtomically, saveArticlesInTransaction, type ImportSummary } from './import-articles.js';
export { parseNinjsFile, splitNinjsDocuments, NinjsFileError, type ItemProblem } from './ninjs/parse-ninjs-file.js';
export { ninjsToArticle, parseByline, type NinjsDefaults } from './ninjs/ninjs-to-article.js';
export { articleToNinjs, type NinjsOut } from './ninjs/article-to-ninjs.js';
export { NinjsItemSchema, type NinjsItem } from './ninjs/ninjs-item.js';
export { createImportProgress, type ImportProgress, type ProgressOutput } from './import-progress.js';
export { importWordPressFile, type WordPressImportOptions } from './importers/wxr/import-wordpress.js';
export { importGhostFile, type GhostImportOptions } from './importers/ghost/import-ghost.js';
export { describeImportReport, type ImportReport } from './importers/import-stories.js';
