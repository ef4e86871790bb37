import { roundConfidence, type FilingSuggestion } from './suggestion.js';
import { COMMON_CAPITALISED, INSTITUTIONS, ORGANISATION_SUFFIXES, PERSON_CUES, PLACES, SPEECH_VERBS } from './topic-gazetteer.js';

/** The most text topic extraction reads (1 MB of characters); the rest is ignored. */
export const MAX_TOPIC_TEXT = 1_000_000;

/** Options for {@link extractTopics}. */
export interface TopicOptions {
  /** At most this many suggestions of each kind, most salient first [8]. */
  limitPerKind?: number;
  /** Names the site knows, each with its kind (a gazetteer of its own: people, organisations, places). */
  known?: ReadonlyMap<string, 'person' | 'organisation' | 'place'>;
}

type TopicKind = 'person' | 'organisation' | 'place';

interface Candidate {
  name: string;
  kind: TopicKind | undefined;
  cue: number;
  cueText: string;
  mentions: number;
  /** Mentions not at the start of a sentence, where any word is capitalised. */
  midSentence: number;
  firstAt: number;
}

// A run of capitalised words, joined by spaces and optional lower-case connectors ("Bank of
// Estmark", "Pieter van Loon", "Halden & Rowe"). Every repetition must start with a capital, and a
// word cannot hold a space, so each character is matched one way: no backtracking blow-up.
const UPPER = 'A-Z\\u00c0-\\u00d6\\u00d8-\\u00de';
const WORD_CHARS = `${UPPER}a-z\\u00df-\\u00f6\\u00f8-\\u024f0-9'’&.-`;
const NAME_RUN = new RegExp(`[${UPPER}][${WORD_CHARS}]*(?:[ \\t]+(?:(?:of|de|du|del|da|van|von|der|den|la|le|al|and|&)[ \\t]+)?[${UPPER}][${WORD_CHARS}]*)*`, 'g');
// Text read around a name for cues: a title before it, "said" or ", chief executive" after it.
const LOOK_BACK = 40;
// Capitalised runs read at most: a long story has a few thousand; hostile input cannot make more work.
const MAX_NAME_RUNS = 50_000;
const LOOK_AHEAD = 48;

const PLACE_SET = new Set(PLACES);
// "European", "Japanese", "British": adjectives of places, not names of their own.
const DEMONYM = /^[A-Z][a-z]+(?:an|ese|ish|ic|i)$/;
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'across']);
const INSTITUTION_SET = new Set(INSTITUTIONS);

/**
 * People, organisations and places named in a story, from capitalised runs and simple cues: a
 * title before a name or "said" after it (person), a company suffix or a known institution
 * (organisation), a gazetteer entry (place). Each carries a confidence from its cue, how often it
 * is mentioned and how early. A surname alone counts as a mention of the full name. One pass over
 * at most {@link MAX_TOPIC_TEXT} characters.
 */
export function extractTopics(text: string, options: TopicOptions = {}): FilingSuggestion[] {
  const input = text.length > MAX_TOPIC_TEXT ? text.slice(0, MAX_TOPIC_TEXT) : text;
  const candidates = new Map<string, Candidate>();
  let runs = 0;
  for (const match of input.matchAll(NAME_RUN)) {
    if (++runs > MAX_NAME_RUNS) break;
    let offset = match.index;
    for (const part of splitRun(match[0])) {
      const partStart = offset;
      offset += part.length;
      const atSentenceStart = isSentenceStart(input, partStart);
      const trimmed = trimName(part);
      if (!trimmed) continue;
      const name = stripLegalForm(trimmed);
      // Words trimmed off the front ("Governor") belong to what comes before the name.
      const nameStart = partStart + part.indexOf(trimmed);
      const nameEnd = nameStart + trimmed.length;
      const midSentence = atSentenceStart && nameStart === partStart ? 0 : 1;
      const before = input.slice(Math.max(0, nameStart - LOOK_BACK), nameStart);
      const after = input.slice(nameEnd, nameEnd + LOOK_AHEAD);
      const { kind, cue, cueText } = judge(name, name.split(' '), before, after, options.known);
      const found = candidates.get(name);
      if (found) {
        found.mentions += 1;
        found.midSentence += midSentence;
        if (cue > found.cue) Object.assign(found, { kind, cue, cueText });
      } else {
        candidates.set(name, { name, kind, cue, cueText, mentions: 1, midSentence, firstAt: nameStart });
      }
    }
  }
  return rank(candidates, input.length, options.limitPerKind ?? 8);
}

// Whether a sentence, paragraph or quotation begins at `index`: the last non-space character
// before it ends one. Scans back over spaces only.
function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i -= 1;
  return i < 0 || '.!?:;"“”‘’\n\r('.includes(text[i]!);
}

// Cuts a capitalised run where one name ends and the next begins: after a full stop ("Rowe. He"),
// at a possessive ("Chile’s Cerro Alto"), at "X-based", and at "and" between two names ("Germany
// and France"), unless the words after "and" end an organisation ("Aerospace and Precision Workers
// Union"). Parts keep their spacing, so offsets stay right.
function splitRun(run: string): string[] {
  if (!run.includes(' ') && !run.includes('\t')) return [run];
  const parts: string[] = [];
  const pieces = run.split(/(?<=[ \t])/);
  const endsOrganisation = ORGANISATION_SUFFIXES.has(pieces[pieces.length - 1]!.trim());
  let current = '';
  for (const piece of pieces) {
    const word = piece.trim();
    if (word === 'and' && current && !endsOrganisation) {
      parts.push(current, piece);
      current = '';
      continue;
    }
    if (/-based$/.test(word)) {
      parts.push(current + piece);
      current = '';
      continue;
    }
    current += piece;
    const endsName = (/[^.]\.$/.test(word) && !ABBREVIATION.test(word)) || /['’]s$/.test(word);
    if (endsName) {
      parts.push(current);
      current = '';
    }
  }
  if (current) parts.push(current);
  return parts;
}
// Words whose full stop does not end a sentence: "Inc.", "Corp.", "U.S.", "St.".
const ABBREVIATION = /^(?:[A-Z]\.)+$|^(?:Inc|Corp|Co|Ltd|St|Mr|Mrs|Ms|Dr|Jr|Sr|No)\.$/;

// Drops what a capitalised run carries that is not part of a name: common words and titles in
// front ("The Bank of Estmark", "Governor Paulina Reyes"), connectors at either end, trailing
// punctuation and possessives.
function trimName(run: string): string | undefined {
  // Most runs are one plain word: nothing to trim but a common word.
  if (/^[A-Za-z]+$/.test(run)) return run.length < 2 || COMMON_CAPITALISED.has(run) ? undefined : run;
  let words = run.trim().replace(/['’]s$/, '').replace(/-based$/, '').replace(/[.'’&-]+$/, '').split(/[ \t]+/);
  while (words.length > 0 && (COMMON_CAPITALISED.has(words[0]!) || (words.length > 2 && PERSON_CUES.has(words[0]!.toLowerCase())))) words = words.slice(1);
  while (isConnector(words[words.length - 1])) words = words.slice(0, -1);
  while (isConnector(words[0])) words = words.slice(1);
  const name = words.join(' ');
  // Longer than any real name: a headline in title case or a list of names.
  if (name.length < 2 || words.length > 6 || /^[\d.'’&-]+$/.test(name)) return undefined;
  return name;
}

const CONNECTORS = new Set(['of', 'de', 'du', 'del', 'da', 'van', 'von', 'der', 'den', 'la', 'le', 'al', 'and', '&']);
function isConnector(word: string | undefined): boolean {
  return word !== undefined && CONNECTORS.has(word);
}

// "Halden Motors Inc" and "Halden Motors" are one company.
function stripLegalForm(name: string): string {
  if (!name.includes(' ')) return name;
  const words = name.split(' ');
  return words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!) ? words.slice(0, -1).join(' ') : name;
}
const LEGAL_FORMS = new Set(['Inc', 'Inc.', 'Corp', 'Corp.', 'Ltd', 'Ltd.', 'LLC', 'plc', 'PLC', 'AG', 'SA', 'SE', 'NV', 'AB', 'ASA', 'SpA', 'GmbH']);

// The last word of `text` in lower case ("Mr. " → "mr"), scanning back: a $-anchored regex retries
// from every position.
function lastWord(text: string): string | undefined {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === '.')) end -= 1;
  let start = end;
  while (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) start -= 1;
  return start < end ? text.slice(start, end).toLowerCase() : undefined;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function judge(name: string, words: string[], before: string, after: string, known: TopicOptions['known']): { kind: TopicKind | undefined; cue: number; cueText: string } {
  const listed = known?.get(name);
  if (listed) return { kind: listed, cue: 0.95, cueText: 'known to the site' };
  if (INSTITUTION_SET.has(name)) return { kind: 'organisation', cue: 0.95, cueText: 'a known institution' };
  if (PLACE_SET.has(name)) return { kind: 'place', cue: 0.9, cueText: 'a known place' };
  const last = words[words.length - 1]!;
  if (ORGANISATION_SUFFIXES.has(last)) return { kind: 'organisation', cue: 0.85, cueText: `ends in "${last}"` };
  if (/^(?:Bank|Ministry|Office|Bureau|Department) of /.test(name)) return { kind: 'organisation', cue: 0.85, cueText: `"${words[0]} of …"` };
  const previous = lastWord(before);
  if (previous && PERSON_CUES.has(previous) && words.length <= 4) return { kind: 'person', cue: 0.85, cueText: `"${previous}" before the name` };
  const role = /^,\s+((?:[a-z-]+\s+){0,4}[a-z-]+)/.exec(after)?.[1]?.split(/\s+/).find((word) => PERSON_CUES.has(word));
  if (role && words.length >= 2 && words.length <= 4) return { kind: 'person', cue: 0.8, cueText: `", … ${role}" after the name` };
  const next = /^[\s,]*([a-z]+)/.exec(after)?.[1];
  const speech = next && SPEECH_VERBS.has(next) ? next : previous && SPEECH_VERBS.has(previous) && /\s$/.test(before) ? previous : undefined;
  // "Vass said" alone names no one new: rank() counts it as a mention of "Ingrid Vass".
  if (speech && words.length >= 2 && words.length <= 4) return { kind: 'person', cue: 0.75, cueText: `"${speech}" beside the name` };
  if (previous && PLACE_PREPOSITIONS.has(previous) && /\s$/.test(before)) return { kind: 'place', cue: 0.4, cueText: `"${previous}" before it` };
  return { kind: undefined, cue: 0.3, cueText: 'a capitalised name' };
}

function rank(candidates: Map<string, Candidate>, length: number, limit: number): FilingSuggestion[] {
  // A lone word that is a person's surname ("Vass said") or an organisation's first word ("at
  // Seabright") is that person or organisation again.
  for (const candidate of [...candidates.values()]) {
    const words = candidate.name.split(' ');
    if (words.length < 2 || (candidate.kind !== 'person' && candidate.kind !== 'organisation')) continue;
    const short = candidates.get(candidate.kind === 'person' ? words[words.length - 1]! : words[0]!);
    if (!short || short.cue >= 0.85 || short === candidate) continue;
    candidate.mentions += short.mentions;
    candidates.delete(short.name);
  }
  const byKind: Record<TopicKind, FilingSuggestion[]> = { person: [], organisation: [], place: [] };
  for (const candidate of candidates.values()) {
    // Capitalised words with no cue are most often a company in finance copy ("Polaris Bulk"); a
    // single word only when named twice ("Hoppa").
    // A lone word seen only at the start of sentences is any capitalised word ("Ports", "Shares").
    if (!candidate.name.includes(' ') && candidate.midSentence === 0 && candidate.cue < 0.85) continue;
    const isRepeatedWord = candidate.midSentence >= 2 && !DEMONYM.test(candidate.name);
    const kind = candidate.kind ?? (candidate.name.includes(' ') || isRepeatedWord ? 'organisation' : undefined);
    if (!kind) continue;
    const cue = candidate.kind ? candidate.cue : 0.35;
    const isEarly = candidate.firstAt < Math.min(400, length / 4 + 1);
    const salience = Math.min(1, (candidate.mentions + (isEarly ? 1 : 0)) / 3);
    byKind[kind].push({
      value: candidate.name,
      kind,
      confidence: roundConfidence(cue * (0.6 + 0.4 * salience)),
      evidence: `${candidate.cueText}; ${candidate.mentions} mention${candidate.mentions === 1 ? '' : 's'}${isEarly ? ', early' : ''}`,
    });
  }
  return Object.values(byKind).flatMap((list) => list.sort((a, b) => b.confidence - a.confidence).slice(0, limit));
}
