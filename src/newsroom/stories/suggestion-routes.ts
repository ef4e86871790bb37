import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { suggestNames } from '../../content/taxonomy/index.js';
import { AppError } from '../../errors.js';
import type { Schema } from '../../storage/index.js';
import { requirePermission } from '../accounts/guards.js';
import { storyReadScope } from '../accounts/permissions.js';

/** What the suggestions need. */
export interface SuggestionRoutesOptions {
  db: Kysely<Schema>;
}

/** At most this many names come back, from a prefix of at most this many characters. */
export const SUGGESTION_LIMIT = 10;
const PREFIX_MAX = 100;

const SuggestionQuerySchema = z.object({
  field: z.enum(['bylines', 'topics', 'tickers'], { error: 'Ask for field=bylines, field=topics or field=tickers.' }),
  q: z.string().trim().max(PREFIX_MAX, `Keep the text under ${PREFIX_MAX} characters.`).default(''),
});

/**
 * GET /api/newsroom/suggestions?field=bylines|topics|tickers&q=… — the editor's type-ahead: up to
 * ten author, topic or ticker names starting with q, shortest first ({ suggestions: [...] }). Anyone who may
 * write a story asks; writers who read only their own stories get names already public (on a
 * published story), so a draft's people and topics stay with those who may read it.
 */
export const suggestionRoutes: FastifyPluginAsync<SuggestionRoutesOptions> = async (app, { db }) => {
  app.get('/api/newsroom/suggestions', async (request) => {
    const user = requirePermission(request, 'story.create');
    const parsed = SuggestionQuerySchema.safeParse(request.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('SUGGESTIONS_INVALID', 'invalid', issue.message, { [String(issue.path[0] ?? 'q')]: issue.message });
    }
    const { field, q } = parsed.data;
    const suggestions = q === '' ? [] : await suggestNames(db, { kind: field, prefix: q, limit: SUGGESTION_LIMIT, isPublishedOnly: storyReadScope(user) === 'own' });
    return { suggestions };
  });
};
