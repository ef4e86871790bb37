// Filing of incoming items: exact and near-duplicate detection, section, topic and ticker
// suggestions (pure: no database, no network). The only file other modules import from this folder.
export { describeStory, fileStory, SUGGESTION_TEXT, type FilingResult, type FilingTools, type IncomingStory, type StoryDescription } from './file-story.js';
export { contentHash, normaliseUrl } from './exact-keys.js';
export { duplicateSignature, duplicateScore, type DuplicateInput, type DuplicateSignature } from './duplicate-signature.js';
export { NearDuplicateIndex, type NearDuplicateMatch, type NearDuplicateOptions } from './near-duplicate-index.js';
export {
  createSectionClassifier,
  measureHeldOutAccuracy,
  parseSectionModel,
  trainSectionModel,
  SectionModelSchema,
  type HeldOutAccuracy,
  type LabelledStory,
  type SectionClassifier,
  type SectionModel,
  type TrainingOptions,
} from './section-classifier.js';
export { classifyByLexicon, lexiconSectionsFor, type LexiconSections, type LexiconTopic } from './section-lexicon.js';
export { extractTopics, MAX_TOPIC_TEXT, type TopicOptions } from './topic-extractor.js';
export { createTickerDetector, MAX_TICKER_TEXT, type Instrument, type TickerDetector } from './ticker-detector.js';
export type { FilingSuggestion, SuggestionKind } from './suggestion.js';
