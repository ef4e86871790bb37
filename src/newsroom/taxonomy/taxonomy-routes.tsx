import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { createSection, deleteSection, listBusiestTags, listSections, renameTopic, updateSection } from '../../content/taxonomy/index.js';
import { AppError } from '../../errors.js';
import type { Schema, Work, Writer } from '../../storage/index.js';
import { recordAudit } from '../accounts/audit-log.js';
import { requirePermission } from '../accounts/guards.js';
import { doneNotice, formValues, newsroomPageContext, sendNewsroomPage } from '../ui/index.js';
import { SectionsPage } from './sections-page.js';
import { parseRowId } from '../../row-id.js';

/** What the sections and topics routes need. */
export interface TaxonomyRoutesOptions {
  db: Kysely<Schema>;
  clock: Clock;
  /** The unit of work: each change purges what it dirtied before the response. */
  writer: Writer;
}

const NOTICES: Record<string, string> = {
  added: 'Section added: it is in the section bar now.',
  saved: 'Section saved.',
  deleted: 'Section deleted; its stories moved.',
  renamed: 'Topic renamed.',
};
const TOPICS_SHOWN = 100;

function idParam(value: string): number {
  const id = parseRowId(value);
  if (id === undefined) throw new AppError('NOT_FOUND', 'not_found', 'There is nothing at this address.');
  return id;
}

/** /newsroom/sections/: sections and topics (permission taxonomy.manage: editors and admins). */
export const taxonomyRoutes: FastifyPluginAsync<TaxonomyRoutesOptions> = async (app, { db, clock, writer }) => {
  async function page(request: FastifyRequest, reply: FastifyReply, options: { errors?: Record<string, string>; values?: Record<string, string>; status?: number } = {}) {
    const [sections, topics] = await Promise.all([listSections(db), listBusiestTags(db, TOPICS_SHOWN)]);
    return sendNewsroomPage(
      reply,
      <SectionsPage
        page={newsroomPageContext(request)}
        sections={sections}
        topics={topics}
        errors={options.errors ?? {}}
        values={options.values ?? {}}
        notice={options.status === undefined ? doneNotice(request.query, NOTICES) : undefined}
      />,
      options.status,
    );
  }

  /** Runs a change in one unit of work with its audit row; shows field errors on invalid input. */
  async function change(request: FastifyRequest, reply: FastifyReply, done: string, action: (work: Work, values: Record<string, string>) => Promise<string>) {
    const user = requirePermission(request, 'taxonomy.manage');
    const values = formValues(request.body);
    try {
      const now = clock.now();
      await writer.run(now, async (work) => {
        const subject = await action(work, values);
        await recordAudit(work.trx, { actorUserId: user.id, action: `taxonomy.${done}`, subject, detail: values }, now);
      });
    } catch (error) {
      if (error instanceof AppError && (error.kind === 'invalid' || error.kind === 'conflict')) {
        return page(request, reply, { errors: { form: error.message, ...error.details }, values, status: error.kind === 'conflict' ? 409 : 400 });
      }
      throw error;
    }
    return reply.redirect(`/newsroom/sections/?done=${done}`, 303);
  }

  app.get('/newsroom/sections/', async (request, reply) => {
    requirePermission(request, 'taxonomy.manage');
    return page(request, reply);
  });

  app.post('/newsroom/sections/', (request, reply) =>
    change(request, reply, 'added', async (work, values) => `section ${await createSection(work, { name: values.name ?? '', description: values.description ?? '' })}`),
  );

  app.post<{ Params: { id: string } }>('/newsroom/sections/:id/edit', (request, reply) =>
    change(request, reply, 'saved', async (work, values) => {
      const id = idParam(request.params.id);
      await updateSection(work, id, { name: values.name ?? '', description: values.description ?? '' });
      return `section ${id}`;
    }),
  );

  app.post<{ Params: { id: string } }>('/newsroom/sections/:id/delete', (request, reply) =>
    change(request, reply, 'deleted', async (work, values) => {
      const id = idParam(request.params.id);
      const moveTo = parseRowId(values.moveTo) ?? 0;
      await deleteSection(work, id, moveTo);
      return `section ${id}`;
    }),
  );

  app.post<{ Params: { id: string } }>('/newsroom/topics/:id/rename', (request, reply) =>
    change(request, reply, 'renamed', async (work, values) => {
      const id = idParam(request.params.id);
      await renameTopic(work, id, values.name ?? '');
      return `topic ${id}`;
    }),
  );
};
