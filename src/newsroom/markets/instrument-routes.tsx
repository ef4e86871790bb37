import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import {
  checkInstrument,
  createInstrument,
  deleteInstrument,
  findInstrumentById,
  instrumentText,
  listInstruments,
  listStripInstruments,
  MAX_INSTRUMENTS_LISTED,
  setStripSymbols,
  updateInstrument,
  type InstrumentChangeContext,
  type StoredInstrument,
} from '../../markets/instruments/index.js';
import { parseRowId } from '../../row-id.js';
import type { Schema, Writer } from '../../storage/index.js';
import { recordAudit, requirePermission } from '../accounts/index.js';
import { doneNotice, emptyForm, formValues, newsroomPageContext, sendNewsroomPage, type FormState } from '../ui/index.js';
import { DeleteInstrumentPage, InstrumentFormPage, InstrumentsPage, INSTRUMENTS_PATH, instrumentPath } from './instrument-pages.js';

/** What the instruments pages need. */
export interface InstrumentRoutesOptions {
  db: Kysely<Schema>;
  writer: Writer;
  clock: Clock;
}

const NOTICES: Record<string, string> = {
  added: 'The instrument was added.',
  saved: 'The instrument was saved.',
  deleted: 'The instrument was deleted.',
  strip: 'The strip was saved: every page shows it now.',
};
const FIELDS = ['symbol', 'name', 'kind', 'mic', 'currency', 'decimals', 'aliases', 'isin', 'strip', 'version'] as const;

function sentForm(values: Record<string, string>, error: AppError): FormState {
  const kept = Object.fromEntries(FIELDS.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]])));
  return { values: kept, errors: Object.keys(error.details).length > 0 ? error.details : { form: error.message } };
}

/** An AppError a person can fix from the form (bad input, a taken symbol, an edit made from an old version). */
function isFormError(error: unknown): error is AppError {
  return error instanceof AppError && (error.kind === 'invalid' || error.kind === 'conflict');
}

// The strip's symbols as typed: one a line (commas and spaces also separate). The form's text is
// bounded by the body limit; the service refuses more than the strip holds.
function stripSymbols(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * /newsroom/markets/instruments/: the instruments (list, add, edit, delete after a confirmation)
 * and the ticker strip's order, for editors and admins. Every change goes through the unit of
 * work with its audit row, and purges what it changed before the answer.
 */
export const instrumentRoutes: FastifyPluginAsync<InstrumentRoutesOptions> = async (app, { db, writer, clock }) => {
  const changeContext = (userId: number): InstrumentChangeContext => ({ actorUserId: userId, via: 'newsroom', audit: recordAudit });

  async function renderList(request: FastifyRequest, reply: FastifyReply, options: { strip?: FormState; status?: number } = {}) {
    const listed = await listInstruments(db, MAX_INSTRUMENTS_LISTED + 1);
    const strip = options.strip ?? emptyForm({ symbols: (await listStripInstruments(db)).map((instrument) => instrument.symbol).join('\n') });
    const page = (
      <InstrumentsPage
        page={newsroomPageContext(request)}
        instruments={listed.slice(0, MAX_INSTRUMENTS_LISTED)}
        isTruncated={listed.length > MAX_INSTRUMENTS_LISTED}
        strip={strip}
        notice={options.status === undefined ? doneNotice(request.query, NOTICES) : undefined}
      />
    );
    return sendNewsroomPage(reply, page, options.status);
  }

  function renderForm(request: FastifyRequest, reply: FastifyReply, instrument: StoredInstrument | undefined, form: FormState, status?: number) {
    const notice = status === undefined ? doneNotice(request.query, NOTICES) : undefined;
    return sendNewsroomPage(reply, <InstrumentFormPage page={newsroomPageContext(request)} instrument={instrument} form={form} notice={notice} />, status);
  }

  async function loadInstrument(idParam: string): Promise<StoredInstrument> {
    const id = parseRowId(idParam);
    const instrument = id === undefined ? undefined : await findInstrumentById(db, id);
    if (!instrument) throw new AppError('INSTRUMENT_NOT_FOUND', 'not_found', 'There is no such instrument: it may have been deleted.');
    return instrument;
  }

  app.get(INSTRUMENTS_PATH, async (request, reply) => {
    requirePermission(request, 'markets.manage');
    return renderList(request, reply);
  });

  app.get(`${INSTRUMENTS_PATH}new/`, async (request, reply) => {
    requirePermission(request, 'markets.manage');
    return renderForm(request, reply, undefined, emptyForm({ kind: 'equity', decimals: '2' }));
  });

  app.post(INSTRUMENTS_PATH, async (request, reply) => {
    const user = requirePermission(request, 'markets.manage');
    const values = formValues(request.body);
    try {
      const id = await writer.run(clock.now(), (work) => createInstrument(work, checkInstrument(values), changeContext(user.id)));
      return reply.redirect(`${instrumentPath(id)}?done=added`, 303);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return renderForm(request, reply, undefined, sentForm(values, error), error.kind === 'conflict' ? 409 : 400);
    }
  });

  app.post(`${INSTRUMENTS_PATH}strip/`, async (request, reply) => {
    const user = requirePermission(request, 'markets.manage');
    const values = formValues(request.body);
    try {
      await writer.run(clock.now(), (work) => setStripSymbols(work, stripSymbols(values.symbols ?? ''), changeContext(user.id)));
      return reply.redirect(`${INSTRUMENTS_PATH}?done=strip`, 303);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return renderList(request, reply, { strip: { values: { symbols: values.symbols ?? '' }, errors: { symbols: error.details.symbols ?? error.message } }, status: 400 });
    }
  });

  app.get<{ Params: { id: string } }>(`${INSTRUMENTS_PATH}:id/`, async (request, reply) => {
    requirePermission(request, 'markets.manage');
    const instrument = await loadInstrument(request.params.id);
    return renderForm(request, reply, instrument, emptyForm(instrumentText(instrument)));
  });

  app.post<{ Params: { id: string } }>(`${INSTRUMENTS_PATH}:id/`, async (request, reply) => {
    const user = requirePermission(request, 'markets.manage');
    const instrument = await loadInstrument(request.params.id);
    const values = formValues(request.body);
    try {
      await writer.run(clock.now(), (work) => updateInstrument(work, instrument.id, checkInstrument(values), values.version ?? '', changeContext(user.id)));
      return reply.redirect(`${instrumentPath(instrument.id)}?done=saved`, 303);
    } catch (error) {
      if (!isFormError(error)) throw error;
      return renderForm(request, reply, instrument, sentForm(values, error), error.kind === 'conflict' ? 409 : 400);
    }
  });

  app.get<{ Params: { id: string } }>(`${INSTRUMENTS_PATH}:id/delete/`, async (request, reply) => {
    requirePermission(request, 'markets.manage');
    return sendNewsroomPage(reply, <DeleteInstrumentPage page={newsroomPageContext(request)} instrument={await loadInstrument(request.params.id)} />);
  });

  app.post<{ Params: { id: string } }>(`${INSTRUMENTS_PATH}:id/delete/`, async (request, reply) => {
    const user = requirePermission(request, 'markets.manage');
    const instrument = await loadInstrument(request.params.id);
    await writer.run(clock.now(), (work) => deleteInstrument(work, instrument.id, changeContext(user.id)));
    return reply.redirect(`${INSTRUMENTS_PATH}?done=deleted`, 303);
  });
};
