import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

// A checkout can live anywhere: shared fixtures are found relative to the repository root
// (`../shared/`), never by a path that only exists on the machine that wrote the test.
test('no test reads the shared fixtures by an absolute path', () => {
  const absoluteSharedPath = /['"`]\/[^'"`\n]*\/shared\//;
  const offenders = [...testFiles(join(repositoryRoot, 'src')), ...testFiles(join(repositoryRoot, 'test'))]
    .filter((path) => /\.test\.tsx?$/.test(path) || path.includes(`${join('test', 'support')}`))
    .filter((path) => absoluteSharedPath.test(readFileSync(path, 'utf8')))
    .map((path) => relative(repositoryRoot, path));
  expect(offenders).toEqual([]);
});
