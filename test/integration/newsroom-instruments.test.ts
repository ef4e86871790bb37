import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findInstrument } from '../../src/markets/instruments/index.js';
import type { Role } from '../../src/newsroom/index.js';
import { createSignedInUser, formBody, formHeaders, type TestSession } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { visibleLines } from '../support/visible-text.js';

const LIST = '/newsroom/markets/instruments/';
const halden = { symbol: 'hald', name: 'Halden Motors Inc', kind: 'equity', mic: 'XNYS', currency: 'USD', decimals: '2', aliases: 'Halden', isin: '', strip: '' };

describe('instruments in the newsroom', () => {
  let site: TestApp;
  const sessions = {} as Record<Role, TestSession>;
  const get = (session: TestSession, url: string) => site.app.inject({ url, headers: { cookie: session.cookie } });
  const post = (session: TestSession, url: string, fields: Record<string, string>) =>
    site.app.inject({ method: 'POST', url, headers: formHeaders(session), payload: formBody({ _csrf: session.csrfToken, ...fields }) });
  const haldPath = async () => `${LIST}${(await findInstrument(site.database.db, 'HALD'))!.id}/`;

  beforeAll(async () => {
    site = await createTestApp();
    for (const role of ['contributor', 'author', 'editor', 'admin'] as const) sessions[role] = await createSignedInUser(site, role);
  });
  afterAll(() => site.close());

  test('writers may not see or change them; editors and admins find them in the navigation', async () => {
    for (const role of ['contributor', 'author'] as const) {
      expect((await get(sessions[role], LIST)).statusCode, role).toBe(403);
      expect((await post(sessions[role], LIST, halden)).statusCode, role).toBe(403);
      expect((await get(sessions[role], '/newsroom/')).body).not.toContain(`href="${LIST}"`);
    }
    for (const role of ['editor', 'admin'] as const) expect((await get(sessions[role], '/newsroom/')).body, role).toContain(`href="${LIST}"`);
  });

  test('an editor adds one; it is listed with its exchange and strip place', async () => {
    const added = await post(sessions.editor, LIST, halden);
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${await haldPath()}?done=added`);
    const lines = visibleLines((await get(sessions.editor, LIST)).body);
    expect(lines).toContain('SymbolNameKindExchangeIn the stripHALDHalden Motors IncShareNew York Stock Exchange (XNYS)No');
  });

  test('wrong fields are shown beside them with what was typed kept; a taken symbol is a conflict', async () => {
    const wrong = await post(sessions.editor, LIST, { ...halden, symbol: 'LUMA', name: 'Lumora Inc', isin: 'US0378331006', decimals: '12' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('That ISIN’s check digit is wrong');
    expect(wrong.body).toContain('Decimal places are a whole number from 0 to 8.');
    expect(wrong.body).toContain('value="Lumora Inc"');
    expect(wrong.body).toContain('aria-invalid="true"');
    const taken = await post(sessions.editor, LIST, { ...halden, name: 'Another Halden' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('An instrument with the symbol HALD exists already');
    expect(await findInstrument(site.database.db, 'LUMA')).toBeUndefined();
  });

  test('an edit saves; one made from a page opened before it is refused, not applied', async () => {
    const path = await haldPath();
    const page = await get(sessions.editor, path);
    const version = /name="version" value="([^"]+)"/.exec(page.body)![1]!;
    expect((await post(sessions.editor, path, { ...halden, name: 'Halden Motors', version })).statusCode).toBe(303);
    const stale = await post(sessions.admin, path, { ...halden, name: 'Halden Group', version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('changed by someone else since you opened it');
    expect((await findInstrument(site.database.db, 'HALD'))!.name).toBe('Halden Motors');
  });

  test('the strip order names known symbols; an unknown one is shown as an error', async () => {
    await post(sessions.editor, LIST, { ...halden, symbol: 'FSX100', name: 'Fortune Sky 100', kind: 'index' });
    await site.app.inject({ url: '/' });
    expect(site.cache.stats().pages).toBeGreaterThan(0);
    const unknown = await post(sessions.editor, `${LIST}strip/`, { symbols: 'FSX100\nNOPE' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('No instrument has the symbol NOPE');
    const saved = await post(sessions.editor, `${LIST}strip/`, { symbols: 'fsx100\nHALD' });
    expect(saved.statusCode).toBe(303);
    expect(site.cache.stats().pages).toBe(0);
    expect((await findInstrument(site.database.db, 'HALD'))!.stripPosition).toBe(2);
    expect(visibleLines((await get(sessions.editor, LIST)).body)).toContain(
      'SymbolNameKindExchangeIn the stripFSX100Fortune Sky 100IndexNew York Stock Exchange (XNYS)1stHALDHalden MotorsShareNew York Stock Exchange (XNYS)2nd',
    );
  });

  test('deleting asks first, then deletes', async () => {
    const path = await haldPath();
    const confirm = await get(sessions.editor, `${path}delete/`);
    expect(confirm.statusCode).toBe(200);
    expect(visibleLines(confirm.body)).toContain('Delete HALD?');
    expect(await findInstrument(site.database.db, 'HALD')).toBeDefined();
    const deleted = await post(sessions.editor, `${path}delete/`, {});
    expect(deleted.statusCode).toBe(303);
    expect(await findInstrument(site.database.db, 'HALD')).toBeUndefined();
    expect((await get(sessions.editor, path)).statusCode).toBe(404);
  });
});
