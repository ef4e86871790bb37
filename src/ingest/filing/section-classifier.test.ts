import { describe, expect, test } from 'vitest';
import demo from '../../demo/demo-articles.json' with { type: 'json' };
import { createSectionClassifier, measureHeldOutAccuracy, parseSectionModel, trainSectionModel, type LabelledStory } from './section-classifier.js';
import { classifyByLexicon, lexiconSectionsFor } from './section-lexicon.js';

/** CPU time this process spent running `work`, in ms: unlike wall time, other processes on a busy machine do not count. */
function cpuMsOf(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1_000;
}

// The site's own demo stories, with the sections they are published in.
const stories: LabelledStory[] = demo.articles.map((article) => ({
  section: article.section.toLowerCase(),
  text: [article.title, article.dek, ...article.paragraphs].join('\n'),
}));
const lexiconSections = lexiconSectionsFor(['markets', 'business', 'industries', 'internet']);

describe('section classifier on held-out demo stories', () => {
  test('leave-one-out accuracy well above chance (four sections: 0.25)', () => {
    const held = measureHeldOutAccuracy(stories, lexiconSections);
    console.log(`section classifier, leave-one-out on ${held.stories} demo stories: accuracy ${held.accuracy.toFixed(3)} (mean confidence ${held.meanConfidence.toFixed(2)}); keywords alone ${held.lexiconAccuracy.toFixed(3)}`);
    expect(createSectionClassifier({ model: trainSectionModel(stories.slice(1)), lexiconSections }).isTrained).toBe(true);
    expect(held.stories).toBe(36);
    expect(held.accuracy).toBeGreaterThanOrEqual(0.5);
    expect(held.lexiconAccuracy).toBeGreaterThanOrEqual(0.5);
  });

  test('training and classifying are fast: per 1,000 stories and per story, reported', () => {
    const thousand = Array.from({ length: 1_000 }, (_, i) => stories[i % stories.length]!);
    let model!: ReturnType<typeof trainSectionModel>;
    const trainMs = cpuMsOf(() => (model = trainSectionModel(thousand)));
    const classifier = createSectionClassifier({ model, lexiconSections });
    const classifyMs = cpuMsOf(() => {
      for (let i = 0; i < 1_000; i++) classifier.classify(thousand[i]!.text);
    }) / 1_000;
    console.log(`section classifier: training ${trainMs.toFixed(0)} ms per 1,000 stories (~${Math.round(thousand.reduce((n, s) => n + s.text.length, 0) / 1_000)} characters each), classifying ${(classifyMs * 1_000).toFixed(0)} µs per story`);
    // Generous bounds for a shared machine: the figures are the report, these catch a blow-up.
    expect(trainMs).toBeLessThan(5_000);
    expect(classifyMs).toBeLessThan(2);
  });
});

describe('section model', () => {
  const model = trainSectionModel(stories);

  test('survives JSON storage and classifies the same after reloading', () => {
    const reloaded = parseSectionModel(JSON.parse(JSON.stringify(model)));
    const before = createSectionClassifier({ model, lexiconSections });
    const after = createSectionClassifier({ model: reloaded, lexiconSections });
    for (const story of stories.slice(0, 5)) expect(after.classify(story.text)).toEqual(before.classify(story.text));
  });

  test('a malformed or inconsistent model is refused', () => {
    expect(() => parseSectionModel({ ...model, format: 'other' })).toThrow();
    expect(() => parseSectionModel({ ...model, storyCounts: [1] })).toThrow(/one entry per section/);
    expect(() => parseSectionModel({ ...model, terms: { profit: [1] } })).toThrow(/one entry per section/);
  });

  test('training is bounded: stories, characters and vocabulary', () => {
    const small = trainSectionModel(stories, { maxStories: 4, maxVocabulary: 50, maxStoryChars: 500 });
    expect(small.storyCounts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(Object.keys(small.terms)).toHaveLength(50);
    expect(small.termTotals.reduce((a, b) => a + b, 0)).toBeLessThan(4 * 100);
  });

  test('suggestions carry a confidence that sums to at most 1 and the words that decided', () => {
    const suggestions = createSectionClassifier({ model, lexiconSections }).classify('Chipmaker shares rally as investors bet on artificial intelligence software demand');
    expect(suggestions).toHaveLength(3);
    expect(suggestions.every((s) => s.kind === 'section' && s.confidence >= 0 && s.confidence <= 1)).toBe(true);
    expect(suggestions.reduce((sum, s) => sum + s.confidence, 0)).toBeLessThanOrEqual(1.01);
    expect(suggestions[0]!.evidence).toMatch(/^words: /);
  });
});

describe('keyword fallback', () => {
  test('an empty or tiny archive files by keywords, into the sections the site has', () => {
    for (const model of [undefined, trainSectionModel([]), trainSectionModel(stories.slice(0, 4))]) {
      const classifier = createSectionClassifier({ model, lexiconSections });
      expect(classifier.isTrained).toBe(false);
      const [best] = classifier.classify('Central bank raises interest rates as inflation climbs; bond yields and the dollar rise');
      expect(['markets', 'business']).toContain(best?.value);
      expect(best?.evidence).toMatch(/^keywords: /);
    }
  });

  test('topics map to site sections by name, and fall back to a near one', () => {
    expect(lexiconSectionsFor(['markets', 'tech', 'economy'])).toMatchObject({ markets: 'markets', technology: 'tech', economy: 'economy', 'personal-finance': 'markets' });
    expect(lexiconSectionsFor(['business', 'industries'])).toMatchObject({ economy: 'business', banking: 'business', energy: 'industries' });
    expect(lexiconSectionsFor([])).toEqual({});
  });

  test('no keyword, no suggestion; confidence grows with evidence', () => {
    expect(classifyByLexicon('Lorem ipsum dolor sit amet', lexiconSections)).toEqual([]);
    const one = classifyByLexicon('The oil price', lexiconSections)[0]!;
    const many = classifyByLexicon('Oil, crude, barrel, refinery, pipeline and gas: energy, energy, energy', lexiconSections)[0]!;
    expect(one.value).toBe('industries');
    expect(many.confidence).toBeGreaterThan(one.confidence);
  });
});
