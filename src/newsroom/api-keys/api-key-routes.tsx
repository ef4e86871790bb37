import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { listApiKeys } from '../../api/keys/index.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { parseRowId } from '../../row-id.js';
import type { Schema } from '../../storage/index.js';
import { requirePermission } from '../accounts/index.js';
import { doneNotice, emptyForm, formValues, newsroomPageContext, sendNewsroomPage, type FormState } from '../ui/index.js';
import { issueApiKey, revokeApiKeyById } from './api-key-service.js';
import { ApiKeysPage } from './api-keys-page.js';

/** What API key administration needs. */
export interface ApiKeyRoutesOptions {
  db: Kysely<Schema>;
  clock: Clock;
  timeZone: string;
}

const NOTICES: Record<string, string> = { revoked: 'The key was revoked: requests with it are refused from now on.' };

/** /newsroom/api-keys/ for admins: list, issue (the secret shown once, in the answer to the form), revoke. */
export const apiKeyRoutes: FastifyPluginAsync<ApiKeyRoutesOptions> = async (app, { db, clock, timeZone }) => {
  async function renderKeys(request: FastifyRequest, reply: FastifyReply, options: { form?: FormState; issued?: { name: string; secret: string }; notice?: string; status?: number } = {}) {
    const keys = await listApiKeys(db);
    return sendNewsroomPage(
      reply,
      <ApiKeysPage page={newsroomPageContext(request)} keys={keys} form={options.form ?? emptyForm()} issued={options.issued} notice={options.notice} timeZone={timeZone} />,
      options.status,
    );
  }

  app.get('/newsroom/api-keys/', async (request, reply) => {
    requirePermission(request, 'settings.manage');
    return renderKeys(request, reply, { notice: doneNotice(request.query, NOTICES) });
  });

  // Answered with the page itself, not a redirect: the secret must not travel in a URL, and is shown
  // only in this answer (newsroom answers are never stored: no-store).
  app.post('/newsroom/api-keys/', async (request, reply) => {
    const admin = requirePermission(request, 'settings.manage');
    const values = formValues(request.body);
    try {
      const issued = await issueApiKey(db, values, { actorUserId: admin.id, now: clock.now() });
      return renderKeys(request, reply, { issued, notice: `A key for ${issued.name} was issued.`, status: 201 });
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      return renderKeys(request, reply, { form: { values: { name: values.name ?? '', pushQuotes: values.pushQuotes ?? '' }, errors: error.details }, status: 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/newsroom/api-keys/:id/revoke/', async (request, reply) => {
    const admin = requirePermission(request, 'settings.manage');
    const keyId = parseRowId(request.params.id);
    if (keyId === undefined) throw new AppError('API_KEY_NOT_FOUND', 'not_found', 'There is no such API key.');
    await revokeApiKeyById(db, keyId, { actorUserId: admin.id, now: clock.now() });
    return reply.redirect('/newsroom/api-keys/?done=revoked', 303);
  });
};
