import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourceFile } from '../../source-root.js';

/** The built editor island: script and stylesheet URLs to put on the editor page, and where the files are. */
export interface EditorAssets {
  scripts: string[];
  stylesheets: string[];
  /** Folder holding the hashed files served at /newsroom/assets/. */
  dir: string;
}

/** Where Vite writes the client build (vite.config.ts): dist/client/, beside src/ and in dist/. */
export const CLIENT_BUILD_DIR = fileURLToPath(sourceFile('../dist/client/'));

/** URL prefix of the island's files; names carry a content hash, so they are cached for a year. */
export const ASSETS_PREFIX = '/newsroom/assets/';

interface ManifestEntry {
  file: string;
  css?: string[];
  isEntry?: boolean;
}

/**
 * Reads Vite's manifest for the editor entry. Without a build (npm run build:client) the editor
 * page still works as a plain form: the body is an HTML text box.
 */
export function loadEditorAssets(dir = CLIENT_BUILD_DIR): EditorAssets {
  const manifestPath = `${dir}.vite/manifest.json`;
  if (!existsSync(manifestPath)) return { scripts: [], stylesheets: [], dir };
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestEntry>;
  const entry = manifest['client/editor/main.ts'] ?? Object.values(manifest).find((e) => e.isEntry);
  if (!entry) return { scripts: [], stylesheets: [], dir };
  const url = (file: string) => ASSETS_PREFIX + file.replace(/^assets\//, '');
  return { scripts: [url(entry.file)], stylesheets: (entry.css ?? []).map(url), dir };
}
