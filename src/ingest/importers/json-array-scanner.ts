import { AppError } from '../../errors.js';

/** What to do with the elements of the array at a path ("db.0.data.posts"): parse each, or only count them. */
export type ArrayElementUse = 'parse' | 'count';

/** One element of a chosen array: its array's path and, when parsed, its value. */
export interface ScannedElement {
  path: string;
  value?: unknown;
}

/** Bounds on a scan: the largest element parsed, and the deepest nesting. */
export interface ScanLimits {
  maxElementChars: number;
  maxDepth: number;
}

const DEFAULT_LIMITS: ScanLimits = { maxElementChars: 64 * 1024 * 1024, maxDepth: 256 };

interface Frame {
  isArray: boolean;
  path: string;
  /** The array's next index, or the object's key being read or last read. */
  index: number;
  key: string;
}

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Reads one JSON document from text chunks and yields the elements of the arrays `useOf` chooses,
 * one at a time: only an element is ever held in memory, never the document (a Ghost export of a
 * gigabyte is one object). Strings are skipped with indexOf; keys are read only outside the chosen
 * elements. Malformed JSON inside an element fails its JSON.parse; elsewhere it is not checked.
 */
export async function* scanJsonArrays(
  chunks: AsyncIterable<string>,
  useOf: (path: string) => ArrayElementUse | undefined,
  limits: ScanLimits = DEFAULT_LIMITS,
): AsyncGenerator<ScannedElement> {
  const stack: Frame[] = [];
  let inString = false;
  let isKey = false;
  let keyParts: string[] = [];
  let expectKey = false;
  // A chunk that ended inside a string on an unpaired backslash: the next chunk's first character is escaped.
  let pendingEscape = false;
  // The element being captured: its array's path, the depth it started at, its text so far.
  let capture: { path: string; depth: number; parts: string[]; chars: number } | undefined;

  for await (const chunk of chunks) {
    let captureStart = 0;
    const ready: ScannedElement[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (inString) {
        const end = findStringEnd(chunk, i);
        if (end < 0) {
          if (isKey) keyParts.push(chunk.slice(i));
          i = chunk.length;
          break;
        }
        if (isKey) {
          keyParts.push(chunk.slice(i, end));
          const raw = keyParts.join('');
          stack[stack.length - 1]!.key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          keyParts = [];
          isKey = false;
        }
        inString = false;
        i = end + 1;
        continue;
      }
      const code = chunk.charCodeAt(i);
      if (code === QUOTE) {
        inString = true;
        pendingEscape = false;
        isKey = expectKey && capture === undefined;
        expectKey = false;
        // An element that is a string is captured like any other value.
        if (!isKey) startElement(code);
        i += 1;
        continue;
      }
      switch (code) {
        case 123: // {
        case 91: {
          // [
          startElement(code);
          if (stack.length >= limits.maxDepth) throw new AppError('IMPORT_TOO_DEEP', 'invalid', `The JSON nests deeper than ${limits.maxDepth} levels.`);
          const parent = stack[stack.length - 1];
          const path = parent === undefined ? '' : childPath(parent);
          stack.push({ isArray: code === 91, path, index: 0, key: '' });
          expectKey = code === 123;
          break;
        }
        case 125: // }
        case 93: // ]
          stack.pop();
          if (capture && stack.length === capture.depth) finishElement(i + 1);
          break;
        case 44: {
          // ,
          const top = stack[stack.length - 1];
          if (top?.isArray) top.index += 1;
          else expectKey = true;
          break;
        }
        default:
          // Numbers, true, false, null, ':' and whitespace: an element made of a literal is not captured.
          break;
      }
      i += 1;
    }
    if (capture) {
      capture.parts.push(chunk.slice(captureStart));
      capture.chars += chunk.length - captureStart;
      if (capture.chars > limits.maxElementChars) {
        throw new AppError('IMPORT_ELEMENT_TOO_LARGE', 'invalid', `An element of ${capture.path} is larger than ${limits.maxElementChars.toLocaleString('en')} characters.`);
      }
    }
    yield* ready;

    function startElement(code: number) {
      const top = stack[stack.length - 1];
      if (capture || !top?.isArray) return;
      const use = useOf(top.path);
      if (use === 'count') ready.push({ path: top.path });
      if (use !== 'parse') return;
      capture = { path: top.path, depth: stack.length, parts: [], chars: 0 };
      captureStart = i;
      // A string element ends at its closing quote, found by the string branch: rare in exports, so it is counted only.
      if (code === QUOTE) {
        ready.push({ path: top.path });
        capture = undefined;
      }
    }

    function finishElement(end: number) {
      const current = capture!;
      current.parts.push(chunk.slice(captureStart, end));
      const text = current.parts.join('');
      capture = undefined;
      try {
        ready.push({ path: current.path, value: JSON.parse(text) });
      } catch (error) {
        throw new AppError('IMPORT_INVALID_JSON', 'invalid', `An element of ${current.path} is not valid JSON (${(error as Error).message}).`);
      }
    }
  }
  if (stack.length > 0 || inString) throw new AppError('IMPORT_INVALID_JSON', 'invalid', 'The JSON ends before it is complete.');

  // The index of the quote that closes the string at `from`, or -1 when the chunk ends first.
  function findStringEnd(text: string, from: number): number {
    const floor = pendingEscape ? from + 1 : from;
    pendingEscape = false;
    let at = floor;
    for (;;) {
      const quote = text.indexOf('"', at);
      if (quote < 0) {
        // A chunk ending in an unpaired backslash leaves the escaped character to the next one.
        pendingEscape = endsInOddBackslashes(text, floor);
        return -1;
      }
      let backslashes = 0;
      for (let j = quote - 1; j >= floor && text.charCodeAt(j) === BACKSLASH; j--) backslashes += 1;
      if (backslashes % 2 === 0) return quote;
      at = quote + 1;
    }
  }
}

function endsInOddBackslashes(text: string, floor: number): boolean {
  let count = 0;
  for (let j = text.length - 1; j >= floor && text.charCodeAt(j) === BACKSLASH; j--) count += 1;
  return count % 2 === 1;
}

function childPath(parent: Frame): string {
  const name = parent.isArray ? String(parent.index) : parent.key;
  return parent.path ? `${parent.path}.${name}` : name;
}
