import { createReadStream, existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { ASSETS_PREFIX, type EditorAssets } from './editor-assets.js';

const CONTENT_TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', map: 'application/json' };
const FILE_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(js|css|map)$/;

/**
 * Serves the island's hashed files at /newsroom/assets/{name}: a name changes when its content
 * does, so they are cached for a year. As a static asset it gets no session lookup and no cookie;
 * the newsroom marks its responses no-store, and this route's own onSend runs after that and sets the long cache.
 */
export function serveEditorAsset(app: FastifyInstance, assets: EditorAssets): void {
  app.get<{ Params: { file: string } }>(
    `${ASSETS_PREFIX}:file`,
    {
      config: { isStaticAsset: true },
      onSend: async (_request, reply, payload) => {
        if (reply.statusCode === 200) reply.header('cache-control', 'public, max-age=31536000, immutable');
        return payload;
      },
    },
    async (request, reply) => {
      const match = FILE_NAME.exec(request.params.file);
      const path = `${assets.dir}assets/${request.params.file}`;
      if (!match || !existsSync(path)) return reply.code(404).type('text/plain; charset=utf-8').send('No such file.');
      return reply.type(CONTENT_TYPES[match[1]!]!).send(createReadStream(path));
    },
  );
}
