/**
 * `fortune-sky serve` stopped as an orchestrator stops it, through a real process: on SIGTERM the
 * server stops accepting connections at once, yet a request already under way (an autosave whose
 * body is still arriving) is answered 200 and its save reaches the database, and only then does
 * the process close the database and exit 0. A second signal exits at once.
 */
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig } from '../../src/config/index.js';
import { createUser } from '../../src/newsroom/index.js';
import type { Database } from '../../src/storage/index.js';
import { createFreshDatabase, testDialect, type FreshDatabase } from '../../src/storage/fresh-database.js';
import { startServe, type CliProcess } from '../support/cli-process.js';
import { signInOverHttp, storyFormFields, type HttpNewsroomSession } from '../support/newsroom-http.js';

const PASSWORD = 'correct horse battery staple';
let fresh: FreshDatabase;
let database: Database;
let env: Record<string, string>;

beforeAll(async () => {
  fresh = await createFreshDatabase();
  env = { DATABASE_URL: fresh.url, MEDIA_DIR: join(fresh.dir, 'media'), SITE_URL: 'http://news.test', DEMO_CONTENT: 'false' };
  database = await openReadyDatabase(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
  await createUser(database.db, { email: 'desk@news.test', name: 'Desk Editor', role: 'editor', password: PASSWORD }, { actorUserId: null, now: new Date(), via: 'test' });
});

afterAll(async () => {
  await database?.close();
  await fresh?.remove();
});

/**
 * An autosave sent by hand: the headers and half the body now, the rest when asked. `Expect:
 * 100-continue` makes the server answer "100 Continue" once it has the request, so the test knows
 * the request is in flight before it signals the process.
 */
async function beginAutosave(baseUrl: string, editor: HttpNewsroomSession, id: number, title: string) {
  const body = Buffer.from(JSON.stringify({ ...storyFormFields({ title }), revision: 1 }));
  const { hostname, port } = new URL(baseUrl);
  const socket: Socket = connect(Number(port), hostname);
  let received = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (received += chunk));
  const ended = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
  socket.write(
    `POST /api/newsroom/stories/${id}/autosave HTTP/1.1\r\nHost: news.test\r\nCookie: ${editor.cookie}\r\nX-CSRF-Token: ${editor.csrfToken}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: keep-alive\r\n\r\n`,
  );
  await waitUntil(() => received.startsWith('HTTP/1.1 100 Continue'), 'the server to take the request');
  socket.write(body.subarray(0, body.length / 2));
  return {
    /** Sends the rest of the body; resolves with the status, headers and body once the server has answered and closed the connection. */
    async finish() {
      socket.write(body.subarray(body.length / 2));
      const response = (await ended).replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      const [head = '', ...rest] = response.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
    },
    abort: () => socket.destroy(),
  };
}

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a new TCP connection to the server's port is refused. */
function isRefused(baseUrl: string): Promise<boolean> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function startSignedIn(): Promise<{ server: CliProcess & { baseUrl: string }; editor: HttpNewsroomSession; id: number }> {
  const server = await startServe(env);
  const editor = await signInOverHttp(server.baseUrl, 'desk@news.test', PASSWORD);
  const id = await editor.createStory({ title: 'Draft before the shutdown' });
  return { server, editor, id };
}

describe(`graceful shutdown (${testDialect()})`, () => {
  test('on SIGTERM new connections are refused, the request in flight is answered 200 and saved, then the process exits 0', async () => {
    const { server, editor, id } = await startSignedIn();
    const autosave = await beginAutosave(server.baseUrl, editor, id, 'Saved while the server shut down');

    server.child.kill('SIGTERM');
    await server.waitFor(/SIGTERM: shutting down/);
    // The listening socket closes at once; the process stays up for the request in flight.
    const deadline = Date.now() + 10_000;
    while (!(await isRefused(server.baseUrl))) {
      if (Date.now() > deadline) throw new Error('New connections were still accepted 10 s after SIGTERM.');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(server.child.exitCode).toBeNull();

    const response = await autosave.finish();
    expect(response.status, response.body).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ revision: 2, outcome: 'updated' });
    // Not kept alive: an idle connection would hold the shutdown up until its timeout.
    expect(response.headers.connection).toBe('close');

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Shut down cleanly.');
    // The save made during the shutdown is in the database: it was closed after the request.
    const story = await database.db.selectFrom('articles').select(['title', 'revision']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(story).toEqual({ title: 'Saved while the server shut down', revision: 2 });
  });

  test('a second signal exits at once, without waiting for the request in flight', async () => {
    const { server, editor, id } = await startSignedIn();
    const autosave = await beginAutosave(server.baseUrl, editor, id, 'Never sent in full');
    try {
      server.child.kill('SIGINT');
      await server.waitFor(/SIGINT: shutting down/);
      server.child.kill('SIGINT');
      // 128 + 2, as a shell reports a process ended by SIGINT.
      expect(await server.exited).toBe(130);
      expect(server.output()).toContain('SIGINT again: exiting at once');
    } finally {
      autosave.abort();
    }
  });
});
