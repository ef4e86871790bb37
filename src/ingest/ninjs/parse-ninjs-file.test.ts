import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { NINJS_STANDARD_DIR, SEED_NINJS_PATH } from '../../../test/support/seed.js';
import { AppError } from '../../errors.js';
import { NinjsFileError, parseNinjsFile, splitNinjsDocuments } from './parse-ninjs-file.js';
import { parseByline } from './ninjs-to-article.js';

const DEFAULTS = { language: 'en', source: 'Fortune Sky Wire' };
const SEED_FIXTURE = SEED_NINJS_PATH;
const NINJS_EXAMPLES = NINJS_STANDARD_DIR;

function item(uri: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uri,
    headlines: [{ role: 'main', value: `Headline ${uri}` }],
    bodies: [{ role: 'main', contentType: 'text/html', value: `<p>Body of ${uri}</p>` }],
    ...extra,
  };
}

/** Parses and expects a NinjsFileError; returns it. */
function fileError(file: string, text: string): NinjsFileError {
  try {
    parseNinjsFile(file, text, DEFAULTS);
  } catch (error) {
    expect(error).toBeInstanceOf(NinjsFileError);
    return error as NinjsFileError;
  }
  throw new Error(`expected ${file} to be refused`);
}

describe('reading file layouts', () => {
  test('one object', () => {
    const inputs = parseNinjsFile('one.json', JSON.stringify(item('urn:a')), DEFAULTS);
    expect(inputs.map((i) => i.uri)).toEqual(['urn:a']);
    expect(inputs[0]!.title).toBe('Headline urn:a');
    expect(inputs[0]!.bodyHtml).toBe('<p>Body of urn:a</p>');
  });

  test('an array of objects, in order', () => {
    const inputs = parseNinjsFile('many.json', JSON.stringify([item('urn:a'), item('urn:b'), item('urn:c')]), DEFAULTS);
    expect(inputs.map((i) => i.uri)).toEqual(['urn:a', 'urn:b', 'urn:c']);
  });

  test('NDJSON: one object per line, blank lines and CRLF tolerated', () => {
    const text = `${JSON.stringify(item('urn:a'))}\n\n${JSON.stringify(item('urn:b'))}\r\n${JSON.stringify(item('urn:c'))}\n`;
    expect(parseNinjsFile('feed.ndjson', text, DEFAULTS).map((i) => i.uri)).toEqual(['urn:a', 'urn:b', 'urn:c']);
  });

  test('a byte-order mark is ignored', () => {
    expect(splitNinjsDocuments('bom.json', `\uFEFF${JSON.stringify(item('urn:a'))}`)).toHaveLength(1);
  });

  test('defaults fill in language and source', () => {
    const [input] = parseNinjsFile('d.json', JSON.stringify(item('urn:a')), DEFAULTS);
    expect(input!.language).toBe('en');
    expect(input!.source).toBe('Fortune Sky Wire');
    const [withCopyright] = parseNinjsFile('c.json', JSON.stringify(item('urn:b', { copyrightHolder: 'dpa', language: 'de' })), DEFAULTS);
    expect(withCopyright!.source).toBe('dpa');
    expect(withCopyright!.language).toBe('de');
  });
});

describe('the seed article fixture', () => {
  const [seed] = parseNinjsFile('seed-article.ninjs.json', readFileSync(SEED_FIXTURE, 'utf8'), DEFAULTS);

  test('maps headline, section, status and time', () => {
    expect(seed).toBeDefined();
    expect(seed!.title).toBe('China Still Hasn’t Answered US Request for Meeting with Defense Secretary');
    expect(seed!.section).toBe('Business');
    expect(seed!.status).toBe('published');
    expect(seed!.publishedAt).toBe('2023-05-26T03:46:00+08:00');
    expect(seed!.uri).toBe('urn:fortune-sky:seed:2023-05-26-china-us-defense-meeting');
    expect(seed!.language).toBe('en');
  });

  test('maps subjects, people, organisations and places to tags', () => {
    expect(seed!.tags).toEqual(
      expect.arrayContaining([
        { kind: 'topic', name: 'China' },
        { kind: 'person', name: 'Lloyd Austin' },
        { kind: 'organisation', name: 'Bloomberg News' },
        { kind: 'place', name: 'Singapore' },
      ]),
    );
    // The section subject is the section, not a topic tag.
    expect(seed!.tags).not.toContainEqual({ kind: 'topic', name: 'Business' });
    // People without an author rel are tags, not bylines.
    expect(seed!.bylines).toEqual([]);
  });

  test('keeps the HTML body, starting with the first paragraph', () => {
    expect(seed!.bodyHtml.startsWith('<p>Beijing still hasn’t given a formal response')).toBe(true);
    expect(seed!.bodyHtml.match(/<p>/g)).toHaveLength(7);
  });
});

describe('refused files name the file, item and field', () => {
  test('missing uri → field "uri"', () => {
    const { uri: _uri, ...noUri } = item('urn:x');
    const error = fileError('missing-uri.json', JSON.stringify(noUri));
    expect(error.file).toBe('missing-uri.json');
    expect(error.problems).toEqual([expect.objectContaining({ item: 1, field: 'uri' })]);
    expect(error.message).toContain('missing-uri.json');
    expect(error.message).toContain('item 1');
    expect(error.message).toContain('field uri');
  });

  test('a number as headlines[0].value → field "headlines[0].value"', () => {
    const error = fileError('bad-headline.json', JSON.stringify(item('urn:x', { headlines: [{ role: 'main', value: 42 }] })));
    expect(error.problems).toEqual([expect.objectContaining({ item: 1, uri: 'urn:x', field: 'headlines[0].value' })]);
    expect(error.message).toContain('bad-headline.json');
    expect(error.message).toContain('field headlines[0].value');
  });

  test('a value of the wrong type is reported as such, not as missing', () => {
    const error = fileError('wrong-type.json', JSON.stringify(item('urn:x', { uri: 5 })));
    expect(error.problems).toEqual([expect.objectContaining({ field: 'uri', message: 'must be a string' })]);
  });

  test('an empty array is refused', () => {
    expect(fileError('empty-array.json', '[]').message).toContain('empty-array.json: nothing imported');
  });

  test('firstCreated "yesterday" → field "firstCreated"', () => {
    const error = fileError('bad-date.json', JSON.stringify(item('urn:x', { firstCreated: 'yesterday' })));
    expect(error.problems).toEqual([expect.objectContaining({ item: 1, field: 'firstCreated' })]);
    expect(error.problems[0]!.message).toMatch(/ISO 8601/);
    expect(error.message).toContain('field firstCreated');
  });

  test('no body → field "bodies"', () => {
    const error = fileError('no-body.json', JSON.stringify(item('urn:x', { bodies: undefined })));
    expect(error.problems).toEqual([expect.objectContaining({ item: 1, uri: 'urn:x', field: 'bodies' })]);
    expect(error.message).toContain('field bodies');
  });

  test('a body that is only whitespace or of an unusable type → field "bodies"', () => {
    const blank = fileError('blank-body.json', JSON.stringify(item('urn:x', { bodies: [{ contentType: 'text/html', value: '   ' }] })));
    expect(blank.problems[0]!.field).toBe('bodies');
    const xml = fileError('xml-body.json', JSON.stringify(item('urn:y', { bodies: [{ contentType: 'application/xml', value: '<x/>' }] })));
    expect(xml.problems[0]!.field).toBe('bodies');
  });

  test('no headline → field "headlines"', () => {
    const error = fileError('no-headline.json', JSON.stringify(item('urn:x', { headlines: undefined })));
    expect(error.problems).toEqual([expect.objectContaining({ field: 'headlines' })]);
  });

  test('an unknown pubStatus → field "pubStatus"', () => {
    const error = fileError('bad-status.json', JSON.stringify(item('urn:x', { pubStatus: 'maybe' })));
    expect(error.problems).toEqual([expect.objectContaining({ field: 'pubStatus' })]);
  });

  test('problems in several items are all listed, by item number', () => {
    const { uri: _uri, ...noUri } = item('urn:2');
    const text = JSON.stringify([
      item('urn:1'),
      noUri,
      item('urn:3', { headlines: [{ value: 3 }] }),
      item('urn:4', { firstCreated: 'yesterday' }),
      item('urn:5', { bodies: [] }),
    ]);
    const error = fileError('batch.json', text);
    expect(error.problems.map((p) => [p.item, p.field])).toEqual([
      [2, 'uri'],
      [3, 'headlines[0].value'],
      [4, 'firstCreated'],
      [5, 'bodies'],
    ]);
    for (const line of ['item 2', 'item 3 (urn:3)', 'item 4 (urn:4)', 'item 5 (urn:5)']) expect(error.message).toContain(line);
    expect(error.message).not.toContain('item 1');
    expect(error.message).toContain('nothing imported');
  });

  test('a repeated uri in one file is refused', () => {
    const error = fileError('dupes.json', JSON.stringify([item('urn:same'), item('urn:other'), item('urn:same')]));
    expect(error.problems).toEqual([expect.objectContaining({ item: 3, uri: 'urn:same', field: 'uri' })]);
    expect(error.problems[0]!.message).toContain('item 1');
  });

  test('an empty file is refused with the file name', () => {
    for (const text of ['', '   \n\t\n']) {
      const error = fileError('empty.json', text);
      expect(error.message).toContain('empty.json');
      expect(error.message).toMatch(/empty/);
    }
  });

  test('invalid JSON is refused with the file name', () => {
    const error = fileError('broken.json', '{ "uri": ');
    expect(error.message).toContain('broken.json');
    expect(error.message).toMatch(/not valid JSON/);
  });

  test('an invalid NDJSON line is refused with its line number', () => {
    const text = `${JSON.stringify(item('urn:a'))}\n{oops\n${JSON.stringify(item('urn:b'))}`;
    const error = fileError('feed.ndjson', text);
    expect(error.problems).toEqual([expect.objectContaining({ item: 2 })]);
    expect(error.message).toContain('feed.ndjson');
    expect(error.message).toContain('line 2');
  });

  test('NinjsFileError is an AppError of kind invalid', () => {
    const error = fileError('empty.json', '');
    expect(error).toBeInstanceOf(AppError);
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('IMPORT_INVALID_FILE');
  });
});

describe('mapping details', () => {
  test('parseByline splits names on commas and "and", dropping a leading "By"', () => {
    expect(parseByline('By Jane Doe and John Roe, Reuters')).toEqual(['Jane Doe', 'John Roe', 'Reuters']);
    expect(parseByline('Paulo Santalucia and Frances d\'Emilio')).toEqual(['Paulo Santalucia', "Frances d'Emilio"]);
    expect(parseByline('Von Anna Schmidt und Max Müller')).toEqual(['Anna Schmidt', 'Max Müller']);
    expect(parseByline('Sandra Andrews')).toEqual(['Sandra Andrews']);
    expect(parseByline('')).toEqual([]);
    expect(parseByline(undefined)).toEqual([]);
  });

  test('the "by" line becomes bylines when no person has an author rel', () => {
    const [input] = parseNinjsFile('by.json', JSON.stringify(item('urn:a', { by: 'By Jane Doe and John Roe, Reuters' })), DEFAULTS);
    expect(input!.bylines).toEqual(['Jane Doe', 'John Roe', 'Reuters']);
  });

  test('people with an author rel are the bylines and not person tags', () => {
    const people = [{ name: 'Jane Doe', rel: 'author' }, { name: 'Lloyd Austin' }];
    const [input] = parseNinjsFile('p.json', JSON.stringify(item('urn:a', { people, by: 'Somebody Else' })), DEFAULTS);
    expect(input!.bylines).toEqual(['Jane Doe']);
    expect(input!.tags).toEqual([{ kind: 'person', name: 'Lloyd Austin' }]);
  });

  test('a text/plain body becomes escaped <p> paragraphs', () => {
    const bodies = [{ contentType: 'text/plain', value: 'First <para> & more.\n\nSecond\nline.' }];
    const [input] = parseNinjsFile('plain.json', JSON.stringify(item('urn:a', { bodies })), DEFAULTS);
    expect(input!.bodyHtml).toBe('<p>First &#60;para&#62; &#38; more.</p><p>Second line.</p>');
  });

  test('an HTML body is preferred over a plain-text one', () => {
    const bodies = [
      { contentType: 'text/plain', value: 'plain version' },
      { contentType: 'text/html', value: '<p>html version</p>' },
    ];
    const [input] = parseNinjsFile('both.json', JSON.stringify(item('urn:a', { bodies })), DEFAULTS);
    expect(input!.bodyHtml).toBe('<p>html version</p>');
  });

  test('pubStatus withheld or canceled → unpublished, with no publication time', () => {
    for (const pubStatus of ['withheld', 'canceled']) {
      const [input] = parseNinjsFile('w.json', JSON.stringify(item('urn:a', { pubStatus, versionCreated: '2023-05-26T03:46:00+08:00' })), DEFAULTS);
      expect(input!.status, pubStatus).toBe('unpublished');
      expect(input!.publishedAt, pubStatus).toBeNull();
    }
  });

  test('pubStatus usable or absent → published, falling back to versionCreated for the time', () => {
    const [usable] = parseNinjsFile('u.json', JSON.stringify(item('urn:a', { pubStatus: 'usable', versionCreated: '2019-05-10T16:02:28+02:00' })), DEFAULTS);
    expect(usable!.status).toBe('published');
    expect(usable!.publishedAt).toBe('2019-05-10T16:02:28+02:00');
    expect(usable!.updatedAt).toBe('2019-05-10T16:02:28+02:00');
    const [absent] = parseNinjsFile('a.json', JSON.stringify(item('urn:b')), DEFAULTS);
    expect(absent!.status).toBe('published');
    expect(absent!.publishedAt).toBeNull();
  });

  test('a fortune-sky:status altId overrides pubStatus', () => {
    const [input] = parseNinjsFile(
      's.json',
      JSON.stringify(item('urn:a', { pubStatus: 'withheld', altIds: [{ role: 'fortune-sky:status', value: 'in_review' }] })),
      DEFAULTS,
    );
    expect(input!.status).toBe('in_review');
  });

  test('a headline without a role is the main headline', () => {
    const [input] = parseNinjsFile('h.json', JSON.stringify(item('urn:a', { headlines: [{ value: 'Plain headline' }] })), DEFAULTS);
    expect(input!.title).toBe('Plain headline');
  });
});

describe('IPTC ninjs examples', () => {
  const files = readdirSync(NINJS_EXAMPLES).filter((name) => /^example-.*\.json$/.test(name));
  // Text items (example-ntb_text.json carries its text in a description with role "text").
  const textItems = files.filter((name) => {
    const json = JSON.parse(readFileSync(join(NINJS_EXAMPLES, name), 'utf8')) as { type?: string };
    return json.type === undefined || json.type === 'text';
  });

  test('the examples are there', () => {
    expect(textItems).toEqual(
      expect.arrayContaining(['example-dpa_text.json', 'example-ninjsExSimpleText_3.json', 'example-tt_text_image_3.json', 'example-ntb_text.json']),
    );
  });

  test.each(textItems)('%s parses without error', (name) => {
    const inputs = parseNinjsFile(name, readFileSync(join(NINJS_EXAMPLES, name), 'utf8'), DEFAULTS);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.title.trim()).not.toBe('');
    expect(inputs[0]!.bodyHtml.trim()).not.toBe('');
  });

  test('the simple text example takes its bylines from "by"', () => {
    const [input] = parseNinjsFile('simple', readFileSync(join(NINJS_EXAMPLES, 'example-ninjsExSimpleText_3.json'), 'utf8'), DEFAULTS);
    expect(input!.title).toBe('Captain of wrecked cruise ship on trial in Italy');
    expect(input!.bylines).toEqual(['Paulo Santalucia', "Frances d'Emilio"]);
  });

  test('the dpa example keeps its language and copyright holder as the source', () => {
    const [input] = parseNinjsFile('dpa', readFileSync(join(NINJS_EXAMPLES, 'example-dpa_text.json'), 'utf8'), DEFAULTS);
    expect(input!.language).toBe('de');
    expect(input!.source).toBe('dpa');
  });
});

describe('parseNinjsFile reads ninjs 1.x and 2.x items too', () => {
  test('lower-case names and single-valued headline, byline and bodies are lifted to 3.x', () => {
    const legacy = JSON.stringify({
      uri: 'urn:legacy:1',
      versioncreated: '2026-03-02T10:05:00Z',
      firstcreated: '2026-03-02T09:50:00Z',
      headline: 'Port strike ends',
      byline: 'Mara Lindqvist',
      description_text: 'Ships queue to unload.',
      body_text: 'The strike ended.\n\nWork resumed.',
      subject: [{ name: 'Labour' }],
    });
    const [story] = parseNinjsFile('legacy.json', legacy, { language: 'en', source: 'Wire' });
    expect(story).toMatchObject({
      uri: 'urn:legacy:1',
      title: 'Port strike ends',
      dek: 'Ships queue to unload.',
      bodyHtml: '<p>The strike ended.</p><p>Work resumed.</p>',
      bylines: ['Mara Lindqvist'],
      tags: [{ kind: 'topic', name: 'Labour' }],
      publishedAt: '2026-03-02T09:50:00Z',
      updatedAt: '2026-03-02T10:05:00Z',
    });
  });
});
