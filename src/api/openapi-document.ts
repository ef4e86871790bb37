import type { SwaggerOptions } from '@fastify/swagger';
import type { OpenAPIV3_1 } from 'openapi-types';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { nameApiSchemas } from './api-schemas.js';

/** The Content API's version (the document's info.version; the path's v1 changes only with a breaking change). */
export const API_VERSION = '1.0.0';

const DESCRIPTION = `The published stories of this site, with their sections, topics and authors, as JSON (and stories as IPTC ninjs). Only what readers can see is here: never a draft, nor a topic or byline that only a draft carries. The one write is for market data vendors: pushing quotes, with a key issued to push them.

**Keys and limits.** Anonymous requests are allowed, at a lower rate limit per client address; an API key (issued by the newsroom's admins, sent as \`Authorization: Bearer fsk_…\`) has a higher limit of its own. Every answer carries \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds until the minute's window ends); past the limit the answer is 429 with \`Retry-After\`.

**Pages.** Lists are paged with an opaque \`cursor\`: pass the previous page's \`nextCursor\` (or fetch its \`next\` URL) until it is null. A cursor is a position, not an offset: stories published meanwhile never shift or repeat the pages still to come.

**Caching.** Answers carry an \`ETag\` (ask again with \`If-None-Match\` for a bodiless 304), \`Cache-Control\` and a \`Surrogate-Key\` by which an edge cache in front is purged the moment a story changes.

**Errors** are problem details (RFC 9457, \`application/problem+json\`): \`type\` links to the code's entry below, \`detail\` says what to do, \`code\` is stable.`;

/**
 * @fastify/swagger's options: an OpenAPI 3.1 document built from the routes' zod schemas
 * (fastify-type-provider-zod's transforms), the shared shapes as named components.
 */
export function openApiOptions(siteUrl: string): SwaggerOptions {
  nameApiSchemas();
  const transformObject = createJsonSchemaTransformObject({});
  return {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Fortune Sky Content API', version: API_VERSION, description: DESCRIPTION },
      servers: [{ url: siteUrl }],
      tags: [
        { name: 'Stories', description: 'Published stories: lists with filters, and one story by id or path.' },
        { name: 'Sections, topics and authors', description: 'What stories are filed under, and who writes them.' },
        { name: 'Markets', description: 'Market data pushed in by data vendors, with a key that may push quotes.' },
      ],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key issued in the newsroom (Admin → API keys), for a higher rate limit.' },
        },
      },
      // Either anonymous (the empty requirement) or with a key.
      security: [{}, { apiKey: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
    // The transform names each schema twice, as input and output; only those the operations use stay.
    transformObject: (document) => withoutUnusedSchemas(transformObject(document) as OpenAPIV3_1.Document),
  };
}

/** The document without component schemas that nothing refers to (directly or through other schemas). */
export function withoutUnusedSchemas(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  const schemas = document.components?.schemas ?? {};
  const refersTo = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
  const used = new Set<string>();
  const pending = refersTo(document.paths);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...refersTo(schemas[name]));
  }
  return { ...document, components: { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) } };
}
