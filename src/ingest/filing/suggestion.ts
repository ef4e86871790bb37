/** What kind of thing a filing suggestion proposes. */
export type SuggestionKind = 'section' | 'person' | 'organisation' | 'place' | 'ticker';

/**
 * One thing the filing step proposes for an incoming story, for an editor to accept or change:
 * the value (a section slug, a name, a ticker symbol), its kind, a confidence from 0 to 1, and the
 * evidence an editor can check (the words or text that led to it).
 */
export interface FilingSuggestion {
  value: string;
  kind: SuggestionKind;
  confidence: number;
  evidence: string;
}

/** A confidence kept to two decimals and within 0–1, as editors read it. */
export function roundConfidence(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
