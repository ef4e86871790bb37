// ninjs 1.x and 2.x name properties in lower case (`versioncreated`, `pubstatus`); 1.x also has
// single-valued `headline`, `byline`, `body_html`, `body_text`, `description_text` and singular
// `subject`/`person`/`organisation`/`place` arrays. 3.x (what `NinjsItemSchema` reads) renamed them
// in camel case and made headlines, descriptions and bodies arrays. This lifts an older item to 3.x
// names so one schema and one mapping read all three; a 3.x item passes unchanged.

const RENAMED: Record<string, string> = {
  firstcreated: 'firstCreated',
  versioncreated: 'versionCreated',
  contentcreated: 'contentCreated',
  pubstatus: 'pubStatus',
  copyrightholder: 'copyrightHolder',
  infosources: 'infoSources',
  altids: 'altIds',
  subject: 'subjects',
  person: 'people',
  organisation: 'organisations',
  place: 'places',
  byline: 'by',
};

const LEGACY_SINGLES = new Set(['headline', 'body_html', 'body_text', 'description_html', 'description_text']);

/** A ninjs 1.x or 2.x item with its properties under their 3.x names (a 3.x item, or anything not an object, is returned as it is). */
export function upgradeNinjsItem(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const item = value as Record<string, unknown>;
  const isLegacy = Object.keys(item).some((key) => key in RENAMED || LEGACY_SINGLES.has(key));
  if (!isLegacy) return value;
  const upgraded: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(item)) {
    const name = RENAMED[key] ?? key;
    // A 3.x name present too wins over its legacy spelling.
    if (!(name in upgraded) || name === key) upgraded[name] = property;
  }
  for (const list of ['headlines', 'descriptions', 'bodies']) {
    if (Array.isArray(upgraded[list])) upgraded[list] = (upgraded[list] as unknown[]).map(renameContentType);
  }
  if (typeof item.headline === 'string' && upgraded.headlines === undefined) upgraded.headlines = [{ role: 'main', value: item.headline }];
  if (upgraded.descriptions === undefined) {
    const descriptions = [
      typeof item.description_html === 'string' ? { role: 'summary', contentType: 'text/html', value: item.description_html } : undefined,
      typeof item.description_text === 'string' ? { role: 'summary', contentType: 'text/plain', value: item.description_text } : undefined,
    ].filter(Boolean);
    if (descriptions.length) upgraded.descriptions = descriptions.slice(0, 1);
  }
  if (upgraded.bodies === undefined) {
    const bodies = [
      typeof item.body_html === 'string' ? { role: 'html', contentType: 'text/html', value: item.body_html } : undefined,
      typeof item.body_text === 'string' ? { role: 'text', contentType: 'text/plain', value: item.body_text } : undefined,
    ].filter(Boolean);
    if (bodies.length) upgraded.bodies = bodies;
  }
  return upgraded;
}

function renameContentType(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || !('contenttype' in entry)) return entry;
  const { contenttype, ...rest } = entry as Record<string, unknown>;
  return { contentType: contenttype, ...rest };
}
