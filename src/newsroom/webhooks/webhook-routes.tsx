import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import { parseRowId } from '../../row-id.js';
import type { Schema, Writer } from '../../storage/index.js';
import { findEndpoint, listDeliveryAttempts, listEndpoints, WEBHOOK_EVENT_TYPES, type WebhookEndpoint } from '../../webhooks/index.js';
import { requirePermission } from '../accounts/index.js';
import { doneNotice, emptyForm, formValues, newsroomPageContext, sendNewsroomPage, type FormState } from '../ui/index.js';
import { changeEndpoint, eventFieldName, registerEndpoint, removeEndpoint, rotateEndpointSecret, sendAgain, type AddressPolicy } from './webhook-endpoint-service.js';
import { WebhookEndpointPage } from './webhook-endpoint-page.js';
import { WebhooksPage } from './webhooks-page.js';

/** What webhook administration needs. */
export interface WebhookRoutesOptions {
  db: Kysely<Schema>;
  clock: Clock;
  timeZone: string;
  /** WEBHOOK_ALLOW_PRIVATE, for the address check of the forms. */
  addressPolicy: AddressPolicy;
  writer: Writer;
}

/** The most attempts an endpoint's page lists. */
export const DELIVERIES_SHOWN = 50;

const LIST_NOTICES: Record<string, string> = { deleted: 'The endpoint was deleted: nothing more is sent to it.' };
const ENDPOINT_NOTICES: Record<string, string> = {
  saved: 'The endpoint was saved.',
  resent: 'The message was queued to be sent again: its result appears here in a moment.',
};

const ACCEPTED_VALUES = ['url', 'enabled', ...WEBHOOK_EVENT_TYPES.map(eventFieldName)];

/** The form as it was sent (only its own fields), to show again with its errors. */
function sentForm(values: Record<string, string>, errors: Record<string, string>): FormState {
  return { values: Object.fromEntries(ACCEPTED_VALUES.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]]))), errors };
}

/** An endpoint's settings as its form shows them. */
function storedForm(endpoint: WebhookEndpoint): FormState {
  const values: Record<string, string> = { url: endpoint.url };
  for (const type of endpoint.events) values[eventFieldName(type)] = 'on';
  if (endpoint.isEnabled) values.enabled = 'on';
  return emptyForm(values);
}

/**
 * /newsroom/webhooks/ for admins: list and register endpoints (the secret shown once, in the
 * answer to the form); /newsroom/webhooks/:id/ shows one endpoint's deliveries with "Send again",
 * changes its settings, makes a new secret (shown once) and deletes it. Every change is audited.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRoutesOptions> = async (app, { db, clock, timeZone, addressPolicy, writer }) => {
  async function renderList(request: FastifyRequest, reply: FastifyReply, options: { form?: FormState; registered?: { url: string; secret: string }; notice?: string; status?: number } = {}) {
    const endpoints = await Promise.all((await listEndpoints(db)).map(async (endpoint) => ({ endpoint, lastAttempt: (await listDeliveryAttempts(db, endpoint.id, 1))[0] })));
    const form = options.form ?? emptyForm(Object.fromEntries([...WEBHOOK_EVENT_TYPES.map((type) => [eventFieldName(type), 'on']), ['enabled', 'on']]));
    return sendNewsroomPage(reply, <WebhooksPage page={newsroomPageContext(request)} endpoints={endpoints} form={form} registered={options.registered} notice={options.notice} timeZone={timeZone} />, options.status);
  }

  async function renderEndpoint(request: FastifyRequest, reply: FastifyReply, endpoint: WebhookEndpoint, options: { form?: FormState; rotatedSecret?: string; notice?: string; status?: number } = {}) {
    const attempts = await listDeliveryAttempts(db, endpoint.id, DELIVERIES_SHOWN);
    return sendNewsroomPage(
      reply,
      <WebhookEndpointPage
        page={newsroomPageContext(request)}
        endpoint={endpoint}
        attempts={attempts}
        limit={DELIVERIES_SHOWN}
        form={options.form ?? storedForm(endpoint)}
        rotatedSecret={options.rotatedSecret}
        notice={options.notice}
        timeZone={timeZone}
      />,
      options.status,
    );
  }

  async function loadEndpoint(idParam: string): Promise<WebhookEndpoint> {
    const id = parseRowId(idParam);
    const endpoint = id === undefined ? undefined : await findEndpoint(db, id);
    if (!endpoint) throw new AppError('WEBHOOK_ENDPOINT_NOT_FOUND', 'not_found', 'There is no such webhook endpoint: it may have been deleted.');
    return endpoint;
  }

  app.get('/newsroom/webhooks/', async (request, reply) => {
    requirePermission(request, 'settings.manage');
    return renderList(request, reply, { notice: doneNotice(request.query, LIST_NOTICES) });
  });

  // Answered with the page itself, not a redirect: the secret must not travel in a URL, and is shown only in this answer (no-store).
  app.post('/newsroom/webhooks/', async (request, reply) => {
    const admin = requirePermission(request, 'settings.manage');
    const values = formValues(request.body);
    try {
      const registered = await registerEndpoint(writer, values, { actorUserId: admin.id, now: clock.now() }, addressPolicy);
      return renderList(request, reply, { registered, notice: `The endpoint ${registered.url} was registered.`, status: 201 });
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      return renderList(request, reply, { form: sentForm(values, error.details), status: 400 });
    }
  });

  app.get<{ Params: { id: string } }>('/newsroom/webhooks/:id/', async (request, reply) => {
    requirePermission(request, 'settings.manage');
    return renderEndpoint(request, reply, await loadEndpoint(request.params.id), { notice: doneNotice(request.query, ENDPOINT_NOTICES) });
  });

  app.post<{ Params: { id: string } }>('/newsroom/webhooks/:id/', async (request, reply) => {
    const admin = requirePermission(request, 'settings.manage');
    const endpoint = await loadEndpoint(request.params.id);
    const values = formValues(request.body);
    try {
      await changeEndpoint(db, endpoint.id, values, { actorUserId: admin.id, now: clock.now() }, addressPolicy);
      return reply.redirect(`/newsroom/webhooks/${endpoint.id}/?done=saved`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      return renderEndpoint(request, reply, endpoint, { form: sentForm(values, error.details), status: 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/newsroom/webhooks/:id/rotate/', async (request, reply) => {
    const admin = requirePermission(request, 'settings.manage');
    const endpoint = await loadEndpoint(request.params.id);
    const { secret } = await rotateEndpointSecret(db, endpoint.id, { actorUserId: admin.id, now: clock.now() });
    return renderEndpoint(request, reply, endpoint, { rotatedSecret: secret, notice: 'A new secret was made: the old one no longer signs deliveries.' });
  });

  app.post<{ Params: { id: string } }>('/newsroom/webhooks/:id/delete/', async (request, reply) => {
    const admin = requirePermission(request, 'settings.manage');
    const endpoint = await loadEndpoint(request.params.id);
    await removeEndpoint(db, endpoint.id, { actorUserId: admin.id, now: clock.now() });
    return reply.redirect('/newsroom/webhooks/?done=deleted', 303);
  });

  app.post<{ Params: { id: string } }>('/newsroom/webhooks/:id/resend/', async (request, reply) => {
    const admin = requirePermission(request, 'settings.manage');
    const endpoint = await loadEndpoint(request.params.id);
    await sendAgain(db, endpoint.id, formValues(request.body).message ?? '', { actorUserId: admin.id, now: clock.now() });
    return reply.redirect(`/newsroom/webhooks/${endpoint.id}/?done=resent`, 303);
  });
};
