export {
  checkInstrument,
  COMMON_CURRENCIES,
  hasValidIsinCheckDigit,
  instrumentText,
  splitAliases,
  type InstrumentFields,
  type InstrumentText,
} from './instrument-fields.js';
export {
  createInstrument,
  deleteInstrument,
  INSTRUMENT_CHANGED,
  setStripOrder,
  setStripSymbols,
  updateInstrument,
  upsertInstruments,
  type InstrumentChangeContext,
} from './instrument-service.js';
export {
  countInstruments,
  findInstrument,
  findInstrumentById,
  findInstrumentsBySymbols,
  listInstruments,
  listStripInstruments,
  MAX_INSTRUMENTS_LISTED,
  MAX_STRIP_INSTRUMENTS,
  type StoredInstrument,
} from './instrument-store.js';
export { describeInstrumentImport, importInstrumentsCsv, INSTRUMENT_CSV_COLUMNS, INSTRUMENT_IMPORT_BATCH, MAX_INSTRUMENT_CSV_BYTES, type InstrumentImportReport, type RefusedRow } from './instrument-import.js';
export { instrumentsVersion, loadTickerInstruments, refreshTickerDetector } from './ticker-instruments.js';
