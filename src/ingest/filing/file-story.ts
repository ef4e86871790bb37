import { duplicateSignature, type DuplicateSignature } from './duplicate-signature.js';
import { contentHash, normaliseUrl } from './exact-keys.js';
import type { NearDuplicateIndex, NearDuplicateMatch } from './near-duplicate-index.js';
import type { SectionClassifier } from './section-classifier.js';
import type { FilingSuggestion } from './suggestion.js';
import type { TickerDetector } from './ticker-detector.js';
import { extractTopics, type TopicOptions } from './topic-extractor.js';

/** An incoming item as the filing step reads it: plain text (HTML already turned to text). */
export interface IncomingStory {
  headline: string;
  /** The dek, summary or first paragraph. */
  lead: string;
  bodyText: string;
  publishedAt: Date | number;
  /** The item's link as the source gave it, if any. */
  url?: string;
}

/** What the filing step uses, built once per ingest worker and reused for every item. */
export interface FilingTools {
  duplicates: NearDuplicateIndex;
  sections: SectionClassifier;
  tickers: TickerDetector;
  topics?: TopicOptions;
}

/** What the filing step reads from the item alone (everything but its near duplicate): pure, so it can run before the index is consulted. */
export interface StoryDescription {
  /** Exact-duplicate keys to look up before saving: the normalised URL and a hash of the copy. */
  keys: { url: string | undefined; contentHash: string };
  /** Stored with the story, and added to the index once the story is saved as new. */
  signature: DuplicateSignature;
  sections: FilingSuggestion[];
  topics: FilingSuggestion[];
  tickers: FilingSuggestion[];
}

/** Everything the filing step decides about one item, for the pipeline to store and the editor to see. */
export interface FilingResult extends StoryDescription {
  /** The story within the window this item rewrites, if any: attach the item to it as another source. */
  nearDuplicate: NearDuplicateMatch | undefined;
}

/**
 * Topics and tickers are read from this much of headline, lead and body: names that matter come
 * early, and a long body (a results release with its tables) would otherwise set the cost.
 */
export const SUGGESTION_TEXT = 20_000;

/**
 * Files one incoming item: its exact keys, its near-duplicate in the window, and the sections,
 * topics and tickers to suggest. Pure apart from reading the index: adding the item to the index
 * is the caller's step, after it has decided the item is a new story.
 */
export function fileStory(story: IncomingStory, tools: FilingTools): FilingResult {
  const description = describeStory(story, tools);
  return { ...description, nearDuplicate: tools.duplicates.findNearDuplicate(description.signature, story.publishedAt) };
}

/** {@link fileStory} without the index: the item's keys, signature and suggestions. */
export function describeStory(story: Omit<IncomingStory, 'publishedAt'>, tools: Omit<FilingTools, 'duplicates'>): StoryDescription {
  const fullText = `${story.headline}\n${story.lead}\n${story.bodyText}`;
  const suggestionText = fullText.length > SUGGESTION_TEXT ? fullText.slice(0, SUGGESTION_TEXT) : fullText;
  return {
    keys: { url: story.url === undefined ? undefined : normaliseUrl(story.url), contentHash: contentHash(`${story.headline}\n${story.bodyText}`) },
    signature: duplicateSignature(story),
    sections: tools.sections.classify(fullText),
    topics: extractTopics(suggestionText, tools.topics),
    tickers: tools.tickers.detect(suggestionText),
  };
}
