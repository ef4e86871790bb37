import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { visibleLines } from '../support/visible-text.js';
import { createFreshDatabase, type FreshDatabase } from '../../src/storage/fresh-database.js';

// What `npm start` runs: the bundle `npm run build` writes (the test command builds first).
const BUNDLE = 'dist/fortune-sky.js';

/** Starts the built `fortune-sky serve` on a free port and resolves with its base URL once it listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build`);
  const child = spawn(process.execPath, [BUNDLE, 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/listening on (http:\/\/[^)\s]+)/);
      if (match) resolve({ child, baseUrl: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe('first start', () => {
  const databases: FreshDatabase[] = [];
  const freshDatabaseUrl = async () => {
    const fresh = await createFreshDatabase();
    databases.push(fresh);
    return fresh.url;
  };
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    child = undefined;
  });
  afterAll(async () => {
    for (const fresh of databases) await fresh.remove();
  });

  test('on an empty database, creates the schema and shows a living demo front page', async () => {
    const server = await startServer({ DATABASE_URL: await freshDatabaseUrl() });
    child = server.child;
    const front = await fetch(server.baseUrl + '/');
    expect(front.status).toBe(200);
    const html = await front.text();
    const storyLinks = new Set([...html.matchAll(/href="(\/\d{4}\/\d{2}\/\d{2}\/[^"]+\/)"/g)].map((m) => m[1]));
    expect(storyLinks.size).toBeGreaterThanOrEqual(20);
    for (const section of ['Markets', 'Business', 'Industries', 'Internet']) expect(visibleLines(html)).toContain(section);
    const firstStory = await (await fetch(server.baseUrl + [...storyLinks][0])).text();
    expect(firstStory).toContain('Sample story');
    // Files the bundle reads at run time: the inlined stylesheet and the client build's island.
    expect(html).toMatch(/<style[^>]*>[^<]*\.masthead/);
    const island = html.match(/src="(\/assets\/strip-[\w-]+\.js)"/)?.[1];
    expect(island).toBeDefined();
    const script = await fetch(server.baseUrl + island);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  test('with DEMO_CONTENT=false starts empty', async () => {
    const server = await startServer({ DATABASE_URL: await freshDatabaseUrl(), DEMO_CONTENT: 'false' });
    child = server.child;
    const html = await (await fetch(server.baseUrl + '/')).text();
    expect(visibleLines(html)).toContain('No stories yet');
  });
});
