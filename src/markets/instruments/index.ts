export {
  checkInstrument,
  COMMON_CURRENCIES,
  exchangeName,
  hasValidIsinCheckDigit,
  instrumentText,
  KNOWN_MICS,
  splitAliases,
  type InstrumentFields,
  type InstrumentText,
} from './instrument-fields.js';
export {
  createInstrument,
  deleteInstrument,
  INSTRUMENT_CHANGED,
  quotePageKey,
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
  listInstruments,
  listStripInstruments,
  MAX_INSTRUMENTS_LISTED,
  MAX_STRIP_INSTRUMENTS,
  type StoredInstrument,
} from './instrument-store.js';
