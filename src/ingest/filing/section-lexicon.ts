import { matchTokens, stem } from './match-text.js';
import { roundConfidence, type FilingSuggestion } from './suggestion.js';

/** The kinds of section a finance site commonly has, each with a keyword list. */
export type LexiconTopic = 'markets' | 'business' | 'industries' | 'technology' | 'economy' | 'banking' | 'energy' | 'personal-finance';

// Keywords, stemmed on load as the text is. Chosen for finance copy: words that
// mostly appear in one kind of story. Short on purpose: the trained model takes over once the
// site has published enough.
const LEXICON: Record<LexiconTopic, readonly string[]> = {
  markets: ['stock', 'share', 'bond', 'yield', 'index', 'equity', 'trader', 'investor', 'rally', 'selloff', 'currency', 'dollar', 'euro', 'futures', 'treasury', 'gilt', 'volatility', 'hedge', 'fund', 'commodity', 'gold', 'exchange', 'etf', 'benchmark', 'bullish', 'bearish', 'market', 'portfolio'],
  business: ['deal', 'merger', 'acquisition', 'acquire', 'takeover', 'chief', 'executive', 'board', 'shareholder', 'profit', 'revenue', 'earning', 'dividend', 'buyback', 'retailer', 'brand', 'ceo', 'founder', 'private', 'startup', 'ipo', 'lawsuit', 'settlement'],
  industries: ['factory', 'manufacturing', 'manufacturer', 'carmaker', 'plant', 'supply', 'chain', 'shipping', 'airline', 'aircraft', 'steel', 'mining', 'miner', 'logistic', 'vehicle', 'truck', 'shipyard', 'vessel', 'construction', 'pharmaceutical', 'drugmaker', 'chemical', 'production', 'output'],
  technology: ['software', 'cloud', 'platform', 'app', 'artificial', 'intelligence', 'ai', 'chip', 'semiconductor', 'data', 'cyber', 'hacker', 'internet', 'online', 'digital', 'user', 'startup', 'algorithm', 'model', 'smartphone', 'streaming', 'search', 'social', 'developer'],
  economy: ['inflation', 'gdp', 'growth', 'recession', 'unemployment', 'wage', 'central', 'rate', 'monetary', 'fiscal', 'budget', 'deficit', 'economist', 'consumer', 'price', 'tariff', 'trade', 'export', 'import', 'economy', 'policy', 'statistic'],
  banking: ['bank', 'lender', 'loan', 'mortgage', 'deposit', 'credit', 'capital', 'regulator', 'fine', 'laundering', 'banking', 'fintech', 'payment', 'insurer', 'insurance'],
  energy: ['oil', 'gas', 'crude', 'barrel', 'opec', 'refinery', 'power', 'electricity', 'wind', 'solar', 'renewable', 'utility', 'grid', 'coal', 'nuclear', 'emission', 'carbon', 'battery', 'energy', 'pipeline', 'lng'],
  'personal-finance': ['saver', 'saving', 'pension', 'retirement', 'household', 'borrower', 'tax', 'isa', 'budget', 'card', 'rent', 'homeowner', 'bill'],
};

const KEYWORD_TOPICS = new Map<string, LexiconTopic[]>();
for (const [topic, words] of Object.entries(LEXICON) as [LexiconTopic, readonly string[]][]) {
  for (const word of words.map(stem)) KEYWORD_TOPICS.set(word, [...(KEYWORD_TOPICS.get(word) ?? []), topic]);
}

/** The lexicon's keywords with the site sections they point to (stemmed as the text is). */
export function lexiconKeywords(sections: LexiconSections): Map<string, string[]> {
  const keywords = new Map<string, string[]>();
  for (const [word, topics] of KEYWORD_TOPICS) {
    const slugs = [...new Set(topics.map((topic) => sections[topic]).filter((slug) => slug !== undefined))];
    if (slugs.length > 0) keywords.set(word, slugs);
  }
  return keywords;
}

/** Which site section each lexicon topic files into; topics the site lacks are left out. */
export type LexiconSections = Partial<Record<LexiconTopic, string>>;

// Names a site might give each kind of section, to map them without configuration.
const TOPIC_NAMES: Record<LexiconTopic, readonly string[]> = {
  markets: ['markets', 'market', 'investing', 'stocks'],
  business: ['business', 'companies', 'corporate', 'deals'],
  industries: ['industries', 'industry', 'manufacturing', 'industrials'],
  technology: ['internet', 'technology', 'tech', 'digital'],
  economy: ['economy', 'economics', 'macro'],
  banking: ['banking', 'banks', 'finance', 'financials'],
  energy: ['energy', 'commodities', 'climate'],
  'personal-finance': ['personal-finance', 'money', 'your-money'],
};
// Where a topic goes when the site has no section of its own for it.
const TOPIC_FALLBACK: Partial<Record<LexiconTopic, LexiconTopic>> = { economy: 'business', banking: 'business', energy: 'industries', 'personal-finance': 'markets' };

/** Maps lexicon topics to the site's section slugs by their usual names ("tech", "internet" → technology); unmatched topics fall back to a near one the site has. */
export function lexiconSectionsFor(sectionSlugs: readonly string[]): LexiconSections {
  const slugs = new Set(sectionSlugs);
  const mapped: LexiconSections = {};
  for (const [topic, names] of Object.entries(TOPIC_NAMES) as [LexiconTopic, readonly string[]][]) {
    const slug = names.find((name) => slugs.has(name));
    if (slug) mapped[topic] = slug;
  }
  for (const [topic, fallback] of Object.entries(TOPIC_FALLBACK) as [LexiconTopic, LexiconTopic][]) {
    const slug = mapped[fallback];
    if (!mapped[topic] && slug) mapped[topic] = slug;
  }
  return mapped;
}

/**
 * Sections by keyword count, for a site with too few published stories to train on. Confidence is
 * the share of keyword hits the section won, damped when there are few hits (three hits are not
 * evidence). Best first; empty when no keyword matched.
 */
export function classifyByLexicon(text: string, sections: LexiconSections): FilingSuggestion[] {
  const hits = new Map<string, Map<string, number>>();
  let total = 0;
  for (const token of matchTokens(text, { stem: true })) {
    const topics = KEYWORD_TOPICS.get(token);
    if (!topics) continue;
    for (const topic of topics) {
      const slug = sections[topic];
      if (!slug) continue;
      const words = hits.get(slug) ?? new Map<string, number>();
      words.set(token, (words.get(token) ?? 0) + 1);
      hits.set(slug, words);
      total += 1;
    }
  }
  return [...hits]
    .map(([slug, words]) => {
      const count = [...words.values()].reduce((sum, n) => sum + n, 0);
      const topWords = [...words].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([word]) => word);
      return { value: slug, kind: 'section' as const, confidence: roundConfidence((count / total) * (total / (total + 5))), evidence: `keywords: ${topWords.join(', ')}` };
    })
    .sort((a, b) => b.confidence - a.confidence);
}
