import { afterEach, describe, expect, it } from 'vitest';
import { issueSetupToken } from '../../src/newsroom/index.js';
import { createTestClock } from '../support/newsroom.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let testApp: TestApp | undefined;

afterEach(async () => {
  await testApp?.close();
  testApp = undefined;
});

/** A pino destination that keeps every line written to it. */
function captureLog(): { write(line: string): void; lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => void lines.push(line) };
}

describe('request log', () => {
  it('logs the setup page’s URL at info with its token redacted', async () => {
    const clock = createTestClock('2026-01-05T09:00:00.000Z');
    const log = captureLog();
    testApp = await createTestApp({ LOG_LEVEL: 'info' }, { clock, logStream: log });
    const token = (await issueSetupToken(testApp.database.db, clock.now()))!;
    const response = await testApp.app.inject({ method: 'GET', url: `/newsroom/setup/?token=${token}` });
    expect(response.statusCode).toBe(200);
    const text = log.lines.join('');
    expect(text).toContain('/newsroom/setup/?token=[redacted]');
    expect(text).not.toContain(token);
    const incoming = log.lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'incoming request');
    expect(incoming.req).toMatchObject({ method: 'GET', url: '/newsroom/setup/?token=[redacted]', remoteAddress: '127.0.0.1' });
  });
});
