// Property-based tests (fast-check) of ninjs parsing: any file text either reads as story input or
// is refused with NinjsFileError, the documented validation error — nothing else is ever thrown.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ArticleInput } from '../../content/articles/index.js';
import { NinjsFileError, parseNinjsFile } from './parse-ninjs-file.js';

const DEFAULTS = { language: 'en', source: 'wire' };

/** Parses, returning the inputs or the NinjsFileError; any other throw fails the property. */
function parseOrRefuse(text: string): ArticleInput[] | NinjsFileError {
  try {
    return parseNinjsFile('fuzz.json', text, DEFAULTS);
  } catch (error) {
    if (error instanceof NinjsFileError) return error;
    throw error;
  }
}

// Values of every JSON type, so each field meets the wrong type as well as the right one.
const anyJson = fc.jsonValue({ maxDepth: 3 });
const text = fc.string({ maxLength: 30, unit: 'grapheme' });
const dateTime = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2024-02-30T10:00:00Z', '2024-13-01T00:00', 'yesterday', '2024-01-01T00:00:00+25:00'), text);

const validDateTime = fc.date({ noInvalidDate: true, min: new Date('1990-01-01'), max: new Date('2090-01-01') }).map((d) => d.toISOString());

/** Objects shaped like ninjs items: with `isTypeSafe`, fields have valid ninjs types and formats (values still odd); otherwise any JSON. */
function ninjsLike(isTypeSafe: boolean) {
  const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(isTypeSafe ? arbitrary : fc.oneof(arbitrary, anyJson), { nil: undefined });
  const roleValue = fc.record(
    { role: maybe(fc.constantFrom('main', 'dek', 'teaser', 'text', 'body', 'html')), contentType: maybe(fc.constantFrom('text/html', 'text/plain', 'application/xml')), value: isTypeSafe ? text : maybe(text) },
    { requiredKeys: isTypeSafe ? ['value'] : [] },
  );
  const named = fc.record({ name: maybe(text), rel: maybe(fc.constantFrom('section', 'ticker', 'author', 'by', 'about')), literal: maybe(text), uri: maybe(text) }, { requiredKeys: [] });
  return fc.record(
    {
      uri: isTypeSafe ? text.filter((uri) => uri.length > 0) : maybe(text),
      type: maybe(fc.constant('text')),
      firstCreated: maybe(isTypeSafe ? validDateTime : dateTime),
      versionCreated: maybe(isTypeSafe ? validDateTime : dateTime),
      contentCreated: maybe(isTypeSafe ? validDateTime : dateTime),
      pubStatus: maybe(isTypeSafe ? fc.constantFrom('usable', 'withheld', 'canceled') : fc.constantFrom('usable', 'withheld', 'canceled', 'draft')),
      language: maybe(text),
      title: maybe(text),
      slugline: maybe(text),
      by: maybe(text),
      copyrightHolder: maybe(text),
      headlines: maybe(fc.array(roleValue, { minLength: isTypeSafe ? 1 : 0, maxLength: 3 })),
      descriptions: maybe(fc.array(roleValue, { maxLength: 3 })),
      bodies: maybe(fc.array(roleValue, { minLength: isTypeSafe ? 1 : 0, maxLength: 3 })),
      subjects: maybe(fc.array(named, { maxLength: 4 })),
      people: maybe(fc.array(named, { maxLength: 3 })),
      organisations: maybe(fc.array(named, { maxLength: 2 })),
      places: maybe(fc.array(named, { maxLength: 2 })),
      infoSources: maybe(fc.array(fc.record({ name: maybe(text), role: maybe(fc.constantFrom('source', 'origin')) }, { requiredKeys: [] }), { maxLength: 2 })),
      altIds: maybe(fc.array(fc.record({ role: maybe(fc.constantFrom('fortune-sky:status', 'canonical-url')), value: text }), { maxLength: 2 })),
    },
    { requiredKeys: isTypeSafe ? ['uri', 'headlines', 'bodies'] : [] },
  );
}

/** A file's text in each layout import reads: one value, an array, or NDJSON. */
const fileText = fc.oneof(
  ninjsLike(false).map((item) => JSON.stringify(item)),
  fc.array(fc.oneof(ninjsLike(true), ninjsLike(false), anyJson), { maxLength: 4 }).map((items) => JSON.stringify(items)),
  fc.array(fc.oneof(ninjsLike(true).map((item) => JSON.stringify(item)), fc.string({ maxLength: 20 })), { maxLength: 4 }).map((lines) => lines.join('\n')),
  anyJson.map((value) => JSON.stringify(value) ?? ''),
  fc.string({ maxLength: 200, unit: 'binary' }),
);

describe('parseNinjsFile (properties)', () => {
  test('any file text gives story input or a NinjsFileError that names a problem, never another error', () => {
    fc.assert(
      fc.property(fileText, (text) => {
        const result = parseOrRefuse(text);
        if (result instanceof NinjsFileError) {
          expect(result.problems.length).toBeGreaterThan(0);
          expect(result.message).toContain('fuzz.json');
        } else {
          expect(result.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 800 },
    );
  });

  test('what it accepts is complete story input: a headline, a body, a uri from the file, tags with names', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.uniqueArray(ninjsLike(true), { minLength: 1, maxLength: 3, selector: (item) => item.uri }), (items) => {
        const result = parseOrRefuse(JSON.stringify(items));
        if (result instanceof NinjsFileError) return;
        accepted += 1;
        expect(result.map((input) => input.uri)).toEqual(items.map((item) => item.uri));
        for (const input of result) {
          expect(input.title.trim()).not.toBe('');
          expect(input.bodyHtml.trim()).not.toBe('');
          expect(['draft', 'in_review', 'scheduled', 'published', 'unpublished']).toContain(input.status);
          for (const tag of input.tags) expect(tag.name.trim()).not.toBe('');
        }
      }),
      { numRuns: 300 },
    );
    // The generator must reach the accepting path often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(30);
  });

  test('a valid item always imports, whatever else it carries', () => {
    fc.assert(
      fc.property(text.filter((uri) => uri.length > 0), text.filter((t) => t.trim().length > 0), fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 }), (uri, headline, extra) => {
        const item = { ...extra, uri, headlines: [{ value: headline }], bodies: [{ contentType: 'text/plain', value: `${headline} body` }] };
        const result = parseOrRefuse(JSON.stringify(item));
        // Extra keys that name a field import reads may carry a wrong type: only unknown ones must be ignored.
        if (Object.keys(extra).every((key) => !KNOWN_FIELDS.has(key))) expect(result, result instanceof NinjsFileError ? result.message : '').not.toBeInstanceOf(NinjsFileError);
      }),
      { numRuns: 300 },
    );
  });
});

const KNOWN_FIELDS = new Set(['type', 'version', 'firstCreated', 'versionCreated', 'contentCreated', 'pubStatus', 'language', 'title', 'slugline', 'by', 'copyrightHolder', 'headlines', 'descriptions', 'bodies', 'subjects', 'people', 'organisations', 'places', 'infoSources', 'altIds']);
