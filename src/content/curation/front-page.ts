/** The curated front page: a lead story and top stories in order (story ids). */
export interface FrontPageCuration {
  leadId: number | null;
  topIds: number[];
}

/** The most top stories the front page shows under the lead. */
export const MAX_TOP_STORIES = 8;

/** A change to the curation, or the reason it is refused. */
export type CurationChange = { ok: true; curation: FrontPageCuration } | { ok: false; reason: string };

const without = (ids: number[], id: number) => ids.filter((other) => other !== id);

/** Makes a story the lead; a top story promoted to lead leaves the top stories. */
export function setLead(curation: FrontPageCuration, id: number): CurationChange {
  if (curation.leadId === id) return { ok: true, curation };
  return { ok: true, curation: { leadId: id, topIds: without(curation.topIds, id) } };
}

/** Appends a story to the top stories (a lead moved down leaves the lead slot empty). */
export function addTopStory(curation: FrontPageCuration, id: number): CurationChange {
  if (curation.topIds.includes(id)) return { ok: false, reason: 'That story is already among the top stories.' };
  if (curation.topIds.length >= MAX_TOP_STORIES) return { ok: false, reason: `The front page holds at most ${MAX_TOP_STORIES} top stories; remove one first.` };
  return { ok: true, curation: { leadId: curation.leadId === id ? null : curation.leadId, topIds: [...curation.topIds, id] } };
}

/** Moves a top story one place up or down. */
export function moveTopStory(curation: FrontPageCuration, id: number, direction: 'up' | 'down'): CurationChange {
  const from = curation.topIds.indexOf(id);
  if (from < 0) return { ok: false, reason: 'That story is not among the top stories.' };
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= curation.topIds.length) return { ok: true, curation };
  const topIds = [...curation.topIds];
  [topIds[from], topIds[to]] = [topIds[to]!, topIds[from]!];
  return { ok: true, curation: { leadId: curation.leadId, topIds } };
}

/** Takes a story off the curated front page (lead or top). */
export function removeFromFrontPage(curation: FrontPageCuration, id: number): CurationChange {
  return { ok: true, curation: { leadId: curation.leadId === id ? null : curation.leadId, topIds: without(curation.topIds, id) } };
}

/** A breaking-news banner. */
export interface Banner {
  id: number;
  text: string;
  /** Where the banner links: a site path or an absolute http(s) URL; empty for none. */
  url: string;
  /** ISO instant after which the banner no longer shows. */
  expiresAt: string;
}
