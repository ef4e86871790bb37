import { describe, expect, test } from 'vitest';
import demo from '../../demo/demo-articles.json' with { type: 'json' };
import { extractTopics, MAX_TOPIC_TEXT } from './topic-extractor.js';

/** CPU time this process spent running `work`, in ms: unlike wall time, other processes on a busy machine do not count. */
function cpuMsOf(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1_000;
}

const FIELDS = { person: 'people', organisation: 'organisations', place: 'places' } as const;

describe('topics on the demo stories (people, organisations and places labelled by their writers)', () => {
  test('precision and recall per kind, reported', () => {
    const tally = { person: { tp: 0, fp: 0, fn: 0 }, organisation: { tp: 0, fp: 0, fn: 0 }, place: { tp: 0, fp: 0, fn: 0 } };
    for (const article of demo.articles) {
      const found = extractTopics([article.title, article.dek, ...article.paragraphs].join('\n'));
      for (const [kind, field] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
        const labelled = new Set(article[field]);
        const got = new Set(found.filter((topic) => topic.kind === kind).map((topic) => topic.value));
        for (const name of got) tally[kind][labelled.has(name) ? 'tp' : 'fp'] += 1;
        for (const name of labelled) if (!got.has(name)) tally[kind].fn += 1;
      }
    }
    const figures = Object.fromEntries(
      Object.entries(tally).map(([kind, { tp, fp, fn }]) => [kind, { precision: tp / (tp + fp), recall: tp / (tp + fn) }]),
    ) as Record<keyof typeof FIELDS, { precision: number; recall: number }>;
    // The labels list the main names of each story, not every one: a correct but unlisted place
    // ("Europe") counts against precision, so precision here is a floor.
    console.log(`topics on ${demo.articles.length} demo stories: ${Object.entries(figures).map(([kind, f]) => `${kind} precision ${f.precision.toFixed(2)} recall ${f.recall.toFixed(2)}`).join('; ')}`);
    expect(figures.person.precision).toBeGreaterThanOrEqual(0.85);
    expect(figures.person.recall).toBeGreaterThanOrEqual(0.75);
    expect(figures.organisation.recall).toBeGreaterThanOrEqual(0.85);
    expect(figures.place.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('extractTopics', () => {
  const story = [
    'Bank of Estmark holds rates as Halden Motors warns on profit',
    'The Bank of Estmark kept rates on hold on Thursday. Governor Paulina Reyes said inflation was still too high.',
    'In Frankfurt, Halden Motors Inc. said sales in Germany and France fell. “Demand is weak,” said Ingrid Vass, chief executive of Halden Motors. Vass added that prices would rise.',
    'Tomas Brel, an analyst at Fenwick & Co, said the European Central Bank would follow.',
  ].join('\n');
  const topics = extractTopics(story);
  const find = (value: string) => topics.find((topic) => topic.value === value);

  test.each([
    ['Paulina Reyes', 'person', /"governor" before the name/],
    ['Ingrid Vass', 'person', /chief/],
    ['Tomas Brel', 'person', /analyst/],
    ['Bank of Estmark', 'organisation', /Bank/],
    ['Halden Motors', 'organisation', /Motors/],
    ['Fenwick & Co', 'organisation', /Co/],
    ['European Central Bank', 'organisation', /institution/],
    ['Frankfurt', 'place', /known place/],
    ['Germany', 'place', /known place/],
    ['France', 'place', /known place/],
  ])('%s is a %s', (value, kind, evidence) => {
    expect(find(value)).toMatchObject({ kind, evidence: expect.stringMatching(evidence) });
  });

  test('a surname alone counts as a mention of the person, not a topic of its own', () => {
    expect(find('Vass')).toBeUndefined();
    expect(find('Ingrid Vass')!.evidence).toMatch(/2 mentions/);
  });

  test('sentence-initial words and weekdays are not names', () => {
    for (const word of ['The', 'In', 'Thursday', 'Demand', 'Governor']) expect(find(word)).toBeUndefined();
  });

  test('a name mentioned often and early is more confident than one mentioned once, late', () => {
    expect(find('Halden Motors')!.confidence).toBeGreaterThan(find('Fenwick & Co')!.confidence);
    expect(topics.every((topic) => topic.confidence > 0 && topic.confidence <= 1)).toBe(true);
  });

  test('names the site knows take its kind', () => {
    const known = new Map([['Fenwick & Co', 'person' as const]]);
    expect(extractTopics(story, { known }).find((topic) => topic.value === 'Fenwick & Co')?.kind).toBe('person');
  });

  test('no text, no topics', () => {
    expect(extractTopics('')).toEqual([]);
    expect(extractTopics('all lower case words and 123 numbers.')).toEqual([]);
  });
});

describe('extractTopics on hostile input', () => {
  // Worst cases for the scanner: one endless capitalised run, runs broken every word, long words,
  // connectors without end, and no spaces at all. Each must stay linear: a quarter of the input
  // takes about a quarter of the time, and 1 MB well under a second.
  const unit = MAX_TOPIC_TEXT / 4;
  const cases: [string, (length: number) => string][] = [
    ['one capitalised run', (n) => 'Aa '.repeat(n / 3)],
    ['connectors between capitals', (n) => 'Aa of '.repeat(n / 6)],
    ['sentences of one name', (n) => 'Aa. '.repeat(n / 4)],
    ['one long word', (n) => `A${'a'.repeat(n - 1)}`],
    ['capitals with no spaces', (n) => 'A.'.repeat(n / 2)],
    ['hyphens and apostrophes', (n) => "A-'".repeat(n / 3)],
    ['"and" between names', (n) => 'Aa and '.repeat(n / 7)],
  ];

  test.each(cases)('%s: linear and bounded on 1 MB', (_, build) => {
    const quarter = build(unit);
    const whole = build(MAX_TOPIC_TEXT);
    const quarterMs = cpuMsOf(() => extractTopics(quarter));
    let topics: ReturnType<typeof extractTopics> = [];
    const wholeMs = cpuMsOf(() => (topics = extractTopics(`${whole}${whole}`)));
    expect(topics.length).toBeLessThanOrEqual(3 * 8);
    expect(wholeMs).toBeLessThan(3_000);
    // Twice the input (the second MB is ignored) costs at most ~4 × a quarter, plus slack for a busy machine.
    expect(wholeMs).toBeLessThan(quarterMs * 8 + 250);
  });
});
