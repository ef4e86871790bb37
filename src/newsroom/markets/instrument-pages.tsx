import { exchangeName } from '../../markets/exchanges/index.js';
import type { StoredInstrument } from '../../markets/instruments/index.js';
import { INSTRUMENT_KINDS } from '../../markets/types.js';
import { Button, CsrfField, ErrorSummary, NewsroomLayout, SelectField, TextAreaField, TextField, type FormState, type NewsroomPageContext } from '../ui/index.js';

export const INSTRUMENTS_PATH = '/newsroom/markets/instruments/';

/** The address of an instrument's edit page. */
export function instrumentPath(id: number): string {
  return `${INSTRUMENTS_PATH}${id}/`;
}

const KIND_LABELS: Record<string, string> = { index: 'Index', equity: 'Share', fx: 'Currency pair', commodity: 'Commodity', crypto: 'Crypto', rate: 'Rate or yield' };

function ordinal(position: number): string {
  const tens = position % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[position % 10] ?? 'th';
  return `${position}${suffix}`;
}

/** Props of the instruments list. */
export interface InstrumentsPageProps {
  page: NewsroomPageContext;
  instruments: StoredInstrument[];
  /** More instruments exist than listed. */
  isTruncated: boolean;
  strip: FormState;
  notice?: string;
}

/** /newsroom/markets/instruments/: every instrument, the strip's order, and the way to add one. */
export function InstrumentsPage({ page, instruments, isTruncated, strip, notice }: InstrumentsPageProps) {
  return (
    <NewsroomLayout page={page} title="Instruments" active="instruments" notice={notice}>
      <ErrorSummary errors={strip.errors} />
      <p>
        What the site quotes: each instrument has a quote page, and stories naming it are tagged with its symbol. Add many at once from the command line:{' '}
        <code>fortune-sky instruments import FILE.csv</code>.
      </p>
      <p>
        <a href={`${INSTRUMENTS_PATH}new/`}>Add an instrument</a>
      </p>
      <section aria-labelledby="instruments-list">
        <h2 id="instruments-list">Instruments</h2>
        {instruments.length === 0 ? (
          <p>No instruments yet.</p>
        ) : (
          <table class="nr-table">
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Exchange</th>
                <th scope="col">In the strip</th>
              </tr>
            </thead>
            <tbody>
              {instruments.map((instrument) => (
                <tr key={instrument.id}>
                  <td>
                    <a href={instrumentPath(instrument.id)}>{instrument.symbol}</a>
                  </td>
                  <td>{instrument.name}</td>
                  <td>{KIND_LABELS[instrument.kind] ?? instrument.kind}</td>
                  <td>{instrument.mic === null ? exchangeName(null) : `${exchangeName(instrument.mic)} (${instrument.mic})`}</td>
                  <td>{instrument.stripPosition === null ? 'No' : ordinal(instrument.stripPosition)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {isTruncated && <p class="nr-meta">Only the first {instruments.length} instruments by symbol are listed.</p>}
      </section>
      <section aria-labelledby="strip-order" class="nr-narrow">
        <h2 id="strip-order">The ticker strip</h2>
        <form method="post" action={`${INSTRUMENTS_PATH}strip/`} novalidate>
          <CsrfField token={page.csrfToken} />
          <TextAreaField
            name="symbols"
            label="Symbols in the strip, in order"
            hint="One symbol a line, first shown first. Every page shows the strip, so saving refreshes every page."
            value={strip.values.symbols}
            error={strip.errors.symbols}
            rows={8}
          />
          <Button>Save the strip</Button>
        </form>
      </section>
    </NewsroomLayout>
  );
}

function InstrumentFields({ form }: { form: FormState }) {
  const { values, errors } = form;
  return (
    <>
      <TextField name="symbol" label="Symbol" value={values.symbol} error={errors.symbol} required maxLength={30} hint="Letters, digits, dots, hyphens or underscores; the quote page is /markets/quote/SYMBOL/." />
      <TextField name="name" label="Name" value={values.name} error={errors.name} required maxLength={200} />
      <SelectField name="kind" label="Kind" value={values.kind} error={errors.kind} options={INSTRUMENT_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] ?? kind }))} />
      <TextField
        name="mic"
        label="Exchange code (ISO 10383 MIC)"
        value={values.mic}
        error={errors.mic}
        maxLength={4}
        hint={`Empty for instruments traded off exchange (currencies, commodities, coins). For example: ${['XNYS', 'XNAS', 'XLON', 'XETR', 'XTKS'].map((mic) => `${mic} (${exchangeName(mic)})`).join(', ')}.`}
      />
      <TextField name="currency" label="Currency (ISO 4217)" value={values.currency} error={errors.currency} required maxLength={3} hint="For example USD, EUR, GBP, JPY." />
      <TextField name="decimals" label="Decimal places shown" value={values.decimals} error={errors.decimals} required maxLength={1} hint="0 to 8." />
      <TextAreaField name="aliases" label="Other names in text" value={values.aliases} error={errors.aliases} rows={3} hint="One a line, up to 20: stories naming them are suggested this ticker." />
      <TextField name="isin" label="ISIN (optional)" value={values.isin} error={errors.isin} maxLength={12} />
      <TextField name="strip" label="Place in the ticker strip (optional)" value={values.strip} error={errors.strip} maxLength={4} hint="1 is first; empty keeps it out of the strip." />
    </>
  );
}

/** Props of the add and edit pages. */
export interface InstrumentFormPageProps {
  page: NewsroomPageContext;
  /** The instrument edited; none when adding. */
  instrument?: StoredInstrument;
  form: FormState;
  notice?: string;
}

/** The add page (/newsroom/markets/instruments/new/) and an instrument's edit page, with its deletion. */
export function InstrumentFormPage({ page, instrument, form, notice }: InstrumentFormPageProps) {
  const title = instrument ? `Instrument: ${instrument.symbol}` : 'Add an instrument';
  return (
    <NewsroomLayout page={page} title={title} active="instruments" notice={notice}>
      <p>
        <a href={INSTRUMENTS_PATH}>All instruments</a>
        {instrument && (
          <>
            {' '}
            · <a href={`/markets/quote/${instrument.symbol}/`}>Its quote page</a>
          </>
        )}
      </p>
      <ErrorSummary errors={form.errors} />
      <section class="nr-narrow">
        <form method="post" action={instrument ? instrumentPath(instrument.id) : INSTRUMENTS_PATH} novalidate>
          <CsrfField token={page.csrfToken} />
          {instrument && <input type="hidden" name="version" value={form.values.version ?? instrument.updatedAt} />}
          <InstrumentFields form={form} />
          <Button>{instrument ? 'Save instrument' : 'Add instrument'}</Button>
        </form>
      </section>
      {instrument && (
        <section aria-labelledby="removal" class="nr-narrow">
          <h2 id="removal">Removal</h2>
          <p>
            <a href={`${instrumentPath(instrument.id)}delete/`}>Delete {instrument.symbol}…</a>
          </p>
        </section>
      )}
    </NewsroomLayout>
  );
}

/** The confirmation asked before an instrument is deleted. */
export function DeleteInstrumentPage({ page, instrument }: { page: NewsroomPageContext; instrument: StoredInstrument }) {
  return (
    <NewsroomLayout page={page} title={`Delete ${instrument.symbol}?`} active="instruments">
      <p>
        Deleting {instrument.name} ({instrument.symbol}) deletes its quotes and price history and takes down its quote page. Stories tagged {instrument.symbol} keep the tag.
      </p>
      <form method="post" action={`${instrumentPath(instrument.id)}delete/`} class="nr-inline-form">
        <CsrfField token={page.csrfToken} />
        <Button variant="danger">Delete {instrument.symbol}</Button>
      </form>{' '}
      <a href={instrumentPath(instrument.id)}>Keep it</a>
    </NewsroomLayout>
  );
}
