import { z } from 'zod';
import { matchTokens } from './match-text.js';
import { classifyByLexicon, lexiconKeywords, type LexiconSections } from './section-lexicon.js';
import { roundConfidence, type FilingSuggestion } from './suggestion.js';

/** A published story as training data: its section slug and its text (headline, dek, body). */
export interface LabelledStory {
  section: string;
  text: string;
}

/** Bounds on training, so retraining on a large archive stays cheap; defaults in brackets. */
export interface TrainingOptions {
  /** Strip word endings before counting [true: measured better on the demo stories]. */
  stem?: boolean;
  /** Stories beyond this many are ignored: pass the newest first [20,000]. */
  maxStories?: number;
  /** Characters of each story read [20,000]. */
  maxStoryChars?: number;
  /** Distinct words kept, the most frequent [30,000]. */
  maxVocabulary?: number;
}

/** A trained multinomial naive Bayes model: word counts per section, plain JSON to store and reload. */
export const SectionModelSchema = z.object({
  format: z.literal('fortune-sky/section-naive-bayes/1'),
  stem: z.boolean(),
  sections: z.array(z.string().min(1).max(200)).max(500),
  storyCounts: z.array(z.number().int().nonnegative()),
  termTotals: z.array(z.number().int().nonnegative()),
  terms: z.record(z.string(), z.array(z.number().int().nonnegative())),
});
/** A trained model, see {@link SectionModelSchema}. */
export type SectionModel = z.infer<typeof SectionModelSchema>;

// Words are not independent pieces of evidence: log-likelihoods are scaled as if the story had at
// most this many words, which keeps naive Bayes from answering 1.00 to everything. 10 brought the
// mean confidence near the held-out accuracy on the demo stories (0.72 against 0.64).
const EFFECTIVE_WORDS = 10;
// Each lexicon keyword counts as if seen this many times in its section's stories (measured: 0, 3,
// 10, 30; 10 was best with few stories, and a grown archive outweighs it).
const LEXICON_PSEUDO_COUNT = 10;

/** Counts words per section over the stories (bounded by the options). Linear in the text read. */
export function trainSectionModel(stories: Iterable<LabelledStory>, options: TrainingOptions = {}): SectionModel {
  const stem = options.stem ?? true;
  const maxStories = options.maxStories ?? 20_000;
  const maxStoryChars = options.maxStoryChars ?? 20_000;
  const sectionIndex = new Map<string, number>();
  const storyCounts: number[] = [];
  const counts = new Map<string, number[]>();
  let read = 0;
  for (const story of stories) {
    if (read >= maxStories) break;
    read += 1;
    let section = sectionIndex.get(story.section);
    if (section === undefined) {
      section = sectionIndex.size;
      sectionIndex.set(story.section, section);
      storyCounts.push(0);
      for (const row of counts.values()) row.push(0);
    }
    storyCounts[section]! += 1;
    for (const term of matchTokens(story.text.slice(0, maxStoryChars), { stem })) {
      let row = counts.get(term);
      if (!row) {
        row = new Array<number>(sectionIndex.size).fill(0);
        counts.set(term, row);
      }
      row[section]! += 1;
    }
  }
  const sum = (row: number[]) => row.reduce((total, n) => total + n, 0);
  const kept = [...counts].sort((a, b) => sum(b[1]) - sum(a[1])).slice(0, options.maxVocabulary ?? 30_000);
  const termTotals = storyCounts.map((_, section) => kept.reduce((total, [, row]) => total + row[section]!, 0));
  return { format: 'fortune-sky/section-naive-bayes/1', stem, sections: [...sectionIndex.keys()], storyCounts, termTotals, terms: Object.fromEntries(kept) };
}

/** Reads a stored model, refusing one that is malformed or inconsistent. */
export function parseSectionModel(json: unknown): SectionModel {
  const model = SectionModelSchema.parse(json);
  const width = model.sections.length;
  if (model.storyCounts.length !== width || model.termTotals.length !== width || Object.values(model.terms).some((row) => row.length !== width)) {
    throw new Error('Section model is inconsistent: every count list must have one entry per section.');
  }
  return model;
}

/** Which classifier to use and when to fall back to keywords. */
export interface SectionClassifierOptions {
  /** A trained model; without one (or with too few stories) the lexicon decides. */
  model?: SectionModel;
  /** Lexicon topics → the site's section slugs, for the fallback. */
  lexiconSections: LexiconSections;
  /** The model is used once every section in it has this many stories [5]. */
  minStoriesPerSection?: number;
  /** How many suggestions to return, best first [3]. */
  limit?: number;
  /** Characters of the story read: headline, dek and opening say what it is about, and reading more cost more than it gained on the demo stories [1,500]. */
  readChars?: number;
}

/** Suggests sections for a story's text. */
export interface SectionClassifier {
  /** Whether suggestions come from the trained model (else from keywords). */
  readonly isTrained: boolean;
  /** Sections for a story's text, best first, each with a confidence and the words that decided. */
  classify(text: string): FilingSuggestion[];
}

/** A classifier over a trained model, or over the keyword lexicon when the site has too few stories to train on. */
export function createSectionClassifier(options: SectionClassifierOptions): SectionClassifier {
  const { model, lexiconSections } = options;
  const limit = options.limit ?? 3;
  const readChars = options.readChars ?? 1_500;
  const isTrained = model !== undefined && model.sections.length > 1 && Math.min(...model.storyCounts) >= (options.minStoriesPerSection ?? 5);
  if (!isTrained) return { isTrained, classify: (text) => classifyByLexicon(text.slice(0, readChars), lexiconSections).slice(0, limit) };
  const compiled = compileModel(model, lexiconKeywords(lexiconSections));
  return { isTrained, classify: (text) => classifyWithModel(compiled, text.slice(0, readChars), limit) };
}

/** How well the classifier files stories it was not trained on. */
export interface HeldOutAccuracy {
  stories: number;
  sections: number;
  /** Share of held-out stories whose best suggestion is their section. */
  accuracy: number;
  meanConfidence: number;
  /** The keyword lexicon alone, on the same stories. */
  lexiconAccuracy: number;
}

/**
 * Leave-one-out accuracy: each story is classified by a model trained on all the others (so
 * every story is held out once). Costs one training per story: for archives of hundreds, not
 * thousands.
 */
export function measureHeldOutAccuracy(stories: readonly LabelledStory[], lexiconSections: LexiconSections): HeldOutAccuracy {
  let correct = 0;
  let confidence = 0;
  let lexiconCorrect = 0;
  for (const [index, story] of stories.entries()) {
    const classifier = createSectionClassifier({ model: trainSectionModel(stories.filter((_, other) => other !== index)), lexiconSections });
    const [best] = classifier.classify(story.text);
    if (best?.value === story.section) correct += 1;
    confidence += best?.confidence ?? 0;
    if (classifyByLexicon(story.text.slice(0, 1_500), lexiconSections)[0]?.value === story.section) lexiconCorrect += 1;
  }
  const n = Math.max(stories.length, 1);
  return { stories: stories.length, sections: new Set(stories.map((story) => story.section)).size, accuracy: correct / n, meanConfidence: confidence / n, lexiconAccuracy: lexiconCorrect / n };
}

interface CompiledModel {
  stem: boolean;
  sections: string[];
  logPrior: number[];
  logLikelihood: Map<string, number[]>;
  storyTotal: number;
}

// Laplace-smoothed log probabilities, computed once per model rather than per story. The lexicon's
// keywords add pseudo-counts to their sections: a prior that a small archive leans on and a large
// one outweighs.
function compileModel(model: SectionModel, keywords: Map<string, string[]>): CompiledModel {
  const counts = new Map(Object.entries(model.terms).map(([term, row]) => [term, [...row]]));
  const totals = [...model.termTotals];
  for (const [term, slugs] of keywords) {
    const row = counts.get(term) ?? new Array<number>(model.sections.length).fill(0);
    for (const slug of slugs) {
      const section = model.sections.indexOf(slug);
      if (section < 0) continue;
      row[section]! += LEXICON_PSEUDO_COUNT;
      totals[section]! += LEXICON_PSEUDO_COUNT;
    }
    counts.set(term, row);
  }
  const vocabulary = counts.size + 1;
  const storyTotal = model.storyCounts.reduce((total, n) => total + n, 0);
  const logLikelihood = new Map<string, number[]>();
  for (const [term, row] of counts) {
    logLikelihood.set(term, row.map((count, section) => Math.log((count + 1) / (totals[section]! + vocabulary))));
  }
  return { stem: model.stem, sections: model.sections, logPrior: model.storyCounts.map((n) => Math.log(n / storyTotal)), logLikelihood, storyTotal };
}

function classifyWithModel(model: CompiledModel, text: string, limit: number): FilingSuggestion[] {
  const rows: number[][] = [];
  const seen = new Map<string, number[]>();
  for (const term of matchTokens(text, { stem: model.stem })) {
    const row = model.logLikelihood.get(term);
    if (!row) continue;
    rows.push(row);
    seen.set(term, row);
  }
  const scale = rows.length > EFFECTIVE_WORDS ? EFFECTIVE_WORDS / rows.length : 1;
  const scores = [...model.logPrior];
  for (const row of rows) {
    for (let section = 0; section < scores.length; section++) scores[section]! += row[section]! * scale;
  }
  const top = Math.max(...scores);
  const weights = scores.map((score) => Math.exp(score - top));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const ranked = model.sections.map((slug, section) => ({ slug, section, probability: weights[section]! / total })).sort((a, b) => b.probability - a.probability);
  return ranked.slice(0, limit).map(({ slug, section, probability }) => ({
    value: slug,
    kind: 'section' as const,
    confidence: roundConfidence(probability),
    evidence: `words: ${decidingWords(seen, section).join(', ') || 'none known'} (naive Bayes over ${model.storyTotal} stories)`,
  }));
}

// The story's words that most favour this section over the average of the others (at most five).
function decidingWords(terms: Map<string, number[]>, section: number): string[] {
  const best: { term: string; lift: number }[] = [];
  for (const [term, row] of terms) {
    let others = 0;
    for (let index = 0; index < row.length; index++) if (index !== section) others += row[index]!;
    const lift = row[section]! - others / Math.max(1, row.length - 1);
    if (lift <= 0 || (best.length === 5 && lift <= best[4]!.lift)) continue;
    best.push({ term, lift });
    best.sort((a, b) => b.lift - a.lift);
    if (best.length > 5) best.pop();
  }
  return best.map(({ term }) => term);
}
