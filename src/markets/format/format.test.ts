import { describe, expect, test } from 'vitest';
import { changeBetween, delayLabel, directionWords, formatChange, formatNumber, formatPrice, formatVolume, MINUS, sourceLabel, type PriceFormat } from './index.js';

const usdShare: PriceFormat = { kind: 'equity', currency: 'USD', decimals: 2 };
const index: PriceFormat = { kind: 'index', currency: 'USD', decimals: 2 };
const yield10: PriceFormat = { kind: 'rate', currency: 'USD', decimals: 3 };
const coin: PriceFormat = { kind: 'crypto', currency: 'USD', decimals: 8 };

describe('prices', () => {
  test('thousands separators and the instrument decimals', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(1.1, 4)).toBe('1.1000');
    expect(formatNumber(-0.4, 2)).toBe(`${MINUS}0.40`);
    expect(formatNumber(-0.001, 2)).toBe('0.00');
  });

  test('currency symbol, ISO code, pence, bare index levels and exchange rates, yields in per cent', () => {
    expect(formatPrice(1234.5, usdShare)).toBe('$1,234.50');
    expect(formatPrice(61.2, { kind: 'equity', currency: 'EUR', decimals: 2 })).toBe('€61.20');
    expect(formatPrice(12.3, { kind: 'equity', currency: 'CHF', decimals: 2 })).toBe('CHF 12.30');
    expect(formatPrice(345.5, { kind: 'equity', currency: 'GBX', decimals: 1 })).toBe('345.5p');
    expect(formatPrice(4213.55, index)).toBe('4,213.55');
    expect(formatPrice(1.12, { kind: 'fx', currency: 'USD', decimals: 4 })).toBe('1.1200');
    expect(formatPrice(4.125, yield10)).toBe('4.125%');
    expect(formatPrice(-0.25, { kind: 'rate', currency: 'EUR', decimals: 3 })).toBe(`${MINUS}0.250%`);
    expect(formatPrice(-3, { kind: 'commodity', currency: 'USD', decimals: 2 })).toBe(`${MINUS}$3.00`);
  });

  test('tiny prices keep their decimals', () => {
    expect(formatPrice(0.00001234, coin)).toBe('$0.00001234');
    expect(formatChange(changeBetween(0.00001234, 0.00001201, 8), coin)).toBe(`${MINUS}0.00000033 (${MINUS}2.67%)`);
  });
});

describe('changes', () => {
  test('an explicit sign, a true minus, and the percentage', () => {
    expect(formatChange(changeBetween(148.75, 150, 2), usdShare)).toBe('+1.25 (+0.84%)');
    expect(formatChange(changeBetween(148.15, 147.75, 2), usdShare)).toBe(`${MINUS}0.40 (${MINUS}0.27%)`);
  });

  test('zero change, and a change that rounds to zero, carry no sign', () => {
    expect(formatChange(changeBetween(100, 100, 2), usdShare)).toBe('0.00 (0.00%)');
    expect(formatChange(changeBetween(100, 100.001, 2), usdShare)).toBe('0.00 (0.00%)');
    expect(directionWords(changeBetween(100, 100.001, 2), usdShare)).toBe('unchanged');
  });

  test('a yield moves in basis points', () => {
    const change = changeBetween(4.084, 4.125, 3);
    expect(formatChange(change, yield10)).toBe('+0.041 (+4.1 bp)');
    expect(directionWords(change, yield10)).toBe('up 4.1 basis points');
  });

  test('words for screen readers', () => {
    expect(directionWords(changeBetween(148.75, 150, 2), usdShare)).toBe('up 0.84 per cent');
    expect(directionWords(changeBetween(148.15, 147.75, 2), usdShare)).toBe('down 0.27 per cent');
    expect(directionWords(changeBetween(0, 1, 2), usdShare)).toBe('up 1.00');
    expect(formatChange(changeBetween(0, 1, 2), usdShare)).toBe('+1.00');
  });
});

describe('volumes, delays and sources', () => {
  test('compact volumes', () => {
    expect(formatVolume(950)).toBe('950');
    expect(formatVolume(12_400)).toBe('12.4K');
    expect(formatVolume(12_412_000)).toBe('12.4M');
    expect(formatVolume(3_100_000_000)).toBe('3.1B');
    expect(formatVolume(0)).toBe('0');
  });

  test('delay and source labels', () => {
    expect(delayLabel(0)).toBe('Real time');
    expect(delayLabel(15)).toBe('Delayed 15 min');
    expect(delayLabel(null)).toBe('End of day');
    expect(sourceLabel('demo')).toBe('Demo data');
    expect(sourceLabel('Harbour Wire prices')).toBe('Harbour Wire prices');
  });
});
