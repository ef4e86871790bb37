/**
 * The folder of the program's modules: src/ when run from source, dist/ when built, and dist/ for
 * the bundle `npm start` runs (dist/fortune-sky.js), where every module shares the bundle's URL.
 * Files read at run time (the stylesheet, the demo set, the client build, worker entry points)
 * resolve from here rather than from their own module, so they are found from all three.
 */
const SOURCE_ROOT = new URL('./', import.meta.url);

/** A file under the modules' folder, e.g. `sourceFile('site/styles.css')`. */
export function sourceFile(relativePath: string): URL {
  return new URL(relativePath, SOURCE_ROOT);
}
