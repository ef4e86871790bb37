// The import resolver for the boundaries lint (ESLint's `import/resolver` interface, version 2).
// Our sources import each other as `./x.js` (NodeNext ESM) while the files are `x.ts` / `x.tsx`:
// the stock node resolver cannot see that, and an import it cannot resolve is not checked at all.
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');

exports.interfaceVersion = 2;

/** Resolves `source` imported by `file`: relative `.js` specifiers to the `.ts`/`.tsx` beside them, packages by Node's rules. */
exports.resolve = function resolve(source, file) {
  if (source.startsWith('node:') || builtinModules.includes(source)) return { found: true, path: null };
  if (source.startsWith('.') || path.isAbsolute(source)) {
    const target = path.resolve(path.dirname(file), source);
    const stem = target.replace(/\.(js|jsx|mjs|cjs)$/, '');
    const candidates = [target, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, path.join(target, 'index.ts'), path.join(target, 'index.tsx')];
    const found = candidates.find((candidate) => fs.statSync(candidate, { throwIfNoEntry: false })?.isFile());
    return found ? { found: true, path: found } : { found: false };
  }
  try {
    return { found: true, path: require.resolve(source, { paths: [path.dirname(file)] }) };
  } catch {
    // ESM-only packages (exports with only an `import` condition) still name an external module.
    return { found: false };
  }
};
