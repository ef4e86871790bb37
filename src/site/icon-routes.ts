import type { FastifyPluginAsync } from 'fastify';
import type { CachedSender } from '../cache/index.js';
import { MANIFEST_PATH, siteIconFiles, webAppManifest } from './site-icons.js';

/** What the icon routes need. */
export interface IconRoutesOptions {
  send: CachedSender;
  /** The site's language, named in the manifest. */
  language: string;
}

// No content change touches them: their key is never purged on its own (a purge of everything drops them too).
const ICON_KEYS = ['site-icons'];

/** The favicon set and the web app manifest, each drawn on its first request and then kept by the page cache. */
export const iconRoutes: FastifyPluginAsync<IconRoutesOptions> = async (app, { send, language }) => {
  for (const file of siteIconFiles()) {
    app.get(file.path, (request, reply) =>
      send(request, reply, file.path, async () => ({ status: 200, contentType: file.contentType, body: await file.render(), keys: ICON_KEYS, cacheControl: file.cacheControl })),
    );
  }
  const manifest = webAppManifest(language);
  app.get(MANIFEST_PATH, (request, reply) =>
    send(request, reply, MANIFEST_PATH, async () => ({
      status: 200,
      contentType: 'application/manifest+json; charset=utf-8',
      body: manifest,
      keys: ICON_KEYS,
      cacheControl: 'public, max-age=86400, s-maxage=86400',
    })),
  );
};
