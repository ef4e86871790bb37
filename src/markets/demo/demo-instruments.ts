import type { Instrument } from '../types.js';

/** An instrument of the demo set, before it is stored: its fields and where the demo walk starts (on `DEMO_EPOCH`). */
export type DemoInstrument = Omit<Instrument, 'id' | 'isin'> & { startPrice: number };

/**
 * The demo set shipped with the demo content: fictional companies (several appear in the demo
 * stories) and fictional indices, with currency pairs, commodities, a coin and yields whose prices
 * are made up by the demo provider. Not real securities; every page showing them says "Demo data".
 */
export const DEMO_INSTRUMENTS: readonly DemoInstrument[] = [
  { symbol: 'FSX100', mic: 'XNYS', name: 'Fortune Sky 100', kind: 'index', currency: 'USD', decimals: 2, aliases: ['FS 100', 'Fortune Sky 100 index'], startPrice: 4_200, stripPosition: 1 },
  { symbol: 'FSTECH', mic: 'XNAS', name: 'Fortune Sky Tech 50', kind: 'index', currency: 'USD', decimals: 2, aliases: ['Sky Tech 50'], startPrice: 11_500, stripPosition: 2 },
  { symbol: 'FSEU50', mic: 'XETR', name: 'Fortune Sky Europe 50', kind: 'index', currency: 'EUR', decimals: 2, aliases: ['Sky Europe 50'], startPrice: 3_600, stripPosition: 3 },
  { symbol: 'FSASIA', mic: 'XTKS', name: 'Fortune Sky Asia 200', kind: 'index', currency: 'JPY', decimals: 2, aliases: ['Sky Asia 200'], startPrice: 27_000, stripPosition: 4 },
  { symbol: 'EURUSD', mic: null, name: 'Euro / US dollar', kind: 'fx', currency: 'USD', decimals: 4, aliases: [], startPrice: 1.12, stripPosition: 5 },
  { symbol: 'USDJPY', mic: null, name: 'US dollar / Japanese yen', kind: 'fx', currency: 'JPY', decimals: 2, aliases: [], startPrice: 110, stripPosition: 6 },
  { symbol: 'GBPUSD', mic: null, name: 'British pound / US dollar', kind: 'fx', currency: 'USD', decimals: 4, aliases: [], startPrice: 1.3, stripPosition: null },
  { symbol: 'BRENT', mic: null, name: 'Brent crude oil', kind: 'commodity', currency: 'USD', decimals: 2, aliases: ['Brent'], startPrice: 68, stripPosition: 7 },
  { symbol: 'GOLD', mic: null, name: 'Gold', kind: 'commodity', currency: 'USD', decimals: 2, aliases: [], startPrice: 1_800, stripPosition: 8 },
  { symbol: 'COPPER', mic: null, name: 'Copper', kind: 'commodity', currency: 'USD', decimals: 4, aliases: [], startPrice: 4.1, stripPosition: null },
  { symbol: 'BTCUSD', mic: null, name: 'Bitcoin / US dollar', kind: 'crypto', currency: 'USD', decimals: 2, aliases: ['Bitcoin'], startPrice: 40_000, stripPosition: 9 },
  { symbol: 'US10Y', mic: null, name: 'US 10-year Treasury yield', kind: 'rate', currency: 'USD', decimals: 3, aliases: ['10-year Treasury yield'], startPrice: 1.6, stripPosition: 10 },
  { symbol: 'DE10Y', mic: null, name: 'German 10-year Bund yield', kind: 'rate', currency: 'EUR', decimals: 3, aliases: ['Bund yield'], startPrice: 0.2, stripPosition: null },
  { symbol: 'HALD', mic: 'XNYS', name: 'Halden Motors Inc', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Halden'], startPrice: 42, stripPosition: null },
  { symbol: 'LUMA', mic: 'XNAS', name: 'Lumora Inc', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Lumora'], startPrice: 88, stripPosition: null },
  { symbol: 'NWG', mic: 'XNYS', name: 'Northwind Grid Corp', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Northwind Grid'], startPrice: 31, stripPosition: null },
  { symbol: 'NWSC', mic: 'XNAS', name: 'Northwind Semiconductor', kind: 'equity', currency: 'USD', decimals: 2, aliases: [], startPrice: 140, stripPosition: null },
  { symbol: 'CLDM', mic: 'XNAS', name: 'Caldera Microsystems', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Caldera'], startPrice: 64, stripPosition: null },
  { symbol: 'VLTM', mic: 'XNYS', name: 'Volterra Motors', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Volterra'], startPrice: 210, stripPosition: null },
  { symbol: 'HRWB', mic: 'XNYS', name: 'Harborline Bank', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Harborline'], startPrice: 57, stripPosition: null },
  { symbol: 'IRVS', mic: 'XNYS', name: 'Ironvale Steel', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Ironvale'], startPrice: 23, stripPosition: null },
  { symbol: 'PLP', mic: 'XNYS', name: 'Pellham Power', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Pellham'], startPrice: 48, stripPosition: null },
  { symbol: 'STRG', mic: 'XNAS', name: 'Stratus Grid Inc', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Stratus Grid'], startPrice: 176, stripPosition: null },
  { symbol: 'QLST', mic: 'XNAS', name: 'Quillstone Inc', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Quillstone'], startPrice: 95, stripPosition: null },
  { symbol: 'SKYV', mic: 'XNYS', name: 'Skyvale Airlines', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Skyvale'], startPrice: 19, stripPosition: null },
  { symbol: 'CRST', mic: 'XNYS', name: 'Crestmoor Financial', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Crestmoor'], startPrice: 74, stripPosition: null },
  { symbol: 'RDGH', mic: 'XNYS', name: 'Ridgeway Homes', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Ridgeway'], startPrice: 36, stripPosition: null },
  { symbol: 'BRW', mic: 'XLON', name: 'Brightwater Stores plc', kind: 'equity', currency: 'GBP', decimals: 2, aliases: ['Brightwater', 'Brightwater Stores'], startPrice: 3.4, stripPosition: null },
  { symbol: 'SLTM', mic: 'XLON', name: 'Saltmarsh Energy plc', kind: 'equity', currency: 'GBP', decimals: 2, aliases: ['Saltmarsh', 'Saltmarsh Energy'], startPrice: 5.2, stripPosition: null },
  { symbol: 'TRVK', mic: 'XETR', name: 'Torvik AG', kind: 'equity', currency: 'EUR', decimals: 2, aliases: ['Torvik'], startPrice: 61, stripPosition: null },
  { symbol: 'VNTR', mic: 'XLON', name: 'Vantor Energy plc', kind: 'equity', currency: 'GBP', decimals: 2, aliases: ['Vantor', 'Vantor Energy'], startPrice: 7.8, stripPosition: null },
  { symbol: 'MRDL', mic: 'XNYS', name: 'Meridian Logistics', kind: 'equity', currency: 'USD', decimals: 2, aliases: ['Meridian'], startPrice: 52, stripPosition: null },
];
