import type { Kysely } from 'kysely';
import { slugify } from '../../content/text/index.js';
import { listSections } from '../../content/taxonomy/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';

/** The sections a site has, and an operator's mapping of old category or tag names to them. */
export interface SectionChoice {
  sections: readonly { slug: string; name: string }[];
  /** Lower-cased old name or slug → section slug (`--section-map "Stocks=markets,Tech=internet"`). */
  sectionMap: ReadonlyMap<string, string>;
}

/** The site's sections with the operator's `--section-map`; IMPORT_INVALID_OPTION names a bad pair or an unknown section. */
export async function loadSectionChoice(db: Kysely<Schema>, sectionMap: string | undefined): Promise<SectionChoice> {
  const sections = await listSections(db);
  return { sections, sectionMap: parseSectionMap(sectionMap, sections) };
}

/** Parses `--section-map "Cat=slug,Other Cat=slug"`; throws IMPORT_INVALID_OPTION naming the bad pair or unknown section. */
export function parseSectionMap(text: string | undefined, sections: readonly { slug: string }[]): Map<string, string> {
  const map = new Map<string, string>();
  if (!text?.trim()) return map;
  for (const pair of text.split(',')) {
    const [from, to, ...rest] = pair.split('=').map((part) => part.trim());
    if (!from || !to || rest.length) throw invalidOption(`--section-map: "${pair.trim()}" is not NAME=SECTION.`);
    if (!sections.some((section) => section.slug === to)) {
      throw invalidOption(`--section-map: there is no section "${to}". Sections: ${sections.map((section) => section.slug).join(', ')}.`);
    }
    map.set(from.toLowerCase(), to);
  }
  return map;
}

/** The section an old category or tag stands for: mapped by the operator, else a section of the same slug or name. */
export function sectionFor(term: { name: string; slug: string }, choice: SectionChoice): string | undefined {
  const mapped = choice.sectionMap.get(term.name.toLowerCase()) ?? choice.sectionMap.get(term.slug.toLowerCase());
  if (mapped) return mapped;
  const slug = term.slug || slugify(term.name);
  return choice.sections.find((section) => section.slug === slug || slugify(section.name) === slugify(term.name))?.slug;
}

function invalidOption(message: string): AppError {
  return new AppError('IMPORT_INVALID_OPTION', 'invalid', message);
}
