import { htmlToText } from '../../content/text/index.js';
import {
  createSectionClassifier,
  createTickerDetector,
  describeStory,
  lexiconSectionsFor,
  type FilingTools,
  type Instrument,
  type SectionModel,
  type StoryDescription,
} from '../filing/index.js';

/** What describing an item reads of it: plain data, so it can be posted to a worker thread. */
export interface ItemCopy {
  title: string;
  dek: string | null;
  bodyHtml: string;
  /** `htmlToText(bodyHtml)` when the caller has it already (normalizing reads it). */
  bodyText?: string;
  url?: string;
}

/** What the describing tools are built from: plain data, so a worker thread builds the same ones. */
export interface FilingSettings {
  /** The trained section model (none: the keyword lexicon alone). */
  sectionModel?: SectionModel;
  sectionSlugs: readonly string[];
  instruments: readonly Instrument[];
}

export type DescribingTools = Omit<FilingTools, 'duplicates'>;

// What the first paragraph of a body reads as the lead when the item has no dek.
const LEAD_CHARS = 600;

/** The section classifier and ticker detector the settings describe. */
export function describingToolsFor(settings: FilingSettings): DescribingTools {
  return {
    sections: createSectionClassifier({ model: settings.sectionModel, lexiconSections: lexiconSectionsFor(settings.sectionSlugs) }),
    tickers: createTickerDetector(settings.instruments),
  };
}

/** An item's description (keys, signature, suggestions): the filing that needs no index. The body is turned to text here unless the item brings its text. */
export function describeItem(item: ItemCopy, tools: DescribingTools): StoryDescription {
  const bodyText = item.bodyText ?? htmlToText(item.bodyHtml);
  return describeStory({ headline: item.title, lead: item.dek || bodyText.slice(0, LEAD_CHARS), bodyText, url: item.url }, tools);
}
