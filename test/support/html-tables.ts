/**
 * Tables as a reader's screen reader meets them, for tests of pages with data tables:
 *
 *   const gainers = readTable(html, 'gainers');
 *   expect(gainers.rows.map((row) => row.cells[1])).toEqual(['NWG', 'HALD']);
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';

/** One body row: each cell's text (visually hidden words included), and the links in it. */
export interface TableRow {
  cells: string[];
  /** The row header's scope attribute (`row` when the first cell is a header). */
  headerScope: string | undefined;
  links: string[];
}

/** A table's caption, column headers (with their scope) and body rows. */
export interface ReadTable {
  caption: string;
  columns: { text: string; scope: string | undefined }[];
  rows: TableRow[];
}

const textOf = (node: Element) => DomUtils.textContent(node).replace(/\s+/g, ' ').trim();

/** The table with this id; throws when the page has none. */
export function readTable(html: string, id: string): ReadTable {
  const document = parseDocument(html);
  const table = DomUtils.findOne((element) => element.name === 'table' && element.attribs.id === id, document.children);
  if (!table) throw new Error(`no table #${id} on the page`);
  const caption = DomUtils.findOne((element) => element.name === 'caption', [table]);
  const headerRow = DomUtils.findAll((element) => element.name === 'thead', [table])[0];
  const columns = headerRow ? DomUtils.findAll((element) => element.name === 'th', [headerRow]).map((th) => ({ text: textOf(th), scope: th.attribs.scope })) : [];
  const body = DomUtils.findAll((element) => element.name === 'tbody', [table])[0];
  const rows = (body ? DomUtils.findAll((element) => element.name === 'tr', [body]) : []).map((tr) => {
    const cells = tr.children.filter((child): child is Element => child.type === 'tag' && (child.name === 'th' || child.name === 'td'));
    return {
      cells: cells.map(textOf),
      headerScope: cells[0]?.name === 'th' ? cells[0].attribs.scope : undefined,
      links: DomUtils.findAll((element) => element.name === 'a', [tr]).map((a) => a.attribs.href ?? ''),
    };
  });
  return { caption: caption ? textOf(caption) : '', columns, rows };
}

/** Whether the page has a table with this id. */
export function hasTable(html: string, id: string): boolean {
  return DomUtils.findOne((element) => element.name === 'table' && element.attribs.id === id, parseDocument(html).children) !== null;
}

/** The text of the note (`.quote-note`) right after a table's box: its source, delay and time. */
export function noteAfterTable(html: string, id: string): string {
  const document = parseDocument(html);
  const table = DomUtils.findOne((element) => element.name === 'table' && element.attribs.id === id, document.children);
  const box = table && DomUtils.findOne((element) => element.attribs.class === 'quote-table' && DomUtils.findOne((inner) => inner === table, element.children) !== null, document.children);
  const note = box && DomUtils.findOne((element) => (element.attribs.class ?? '').split(' ').includes('quote-note'), box.children);
  if (!note) throw new Error(`no note after table #${id}`);
  return textOf(note);
}
