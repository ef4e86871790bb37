import { describe, expect, test } from 'vitest';
import { drawPublisherLogo } from '../syndication/index.js';
import { icoFromPngs } from './site-icons.js';

describe('icoFromPngs', () => {
  test('writes a directory entry per image (its side, byte length and offset), then the PNGs as they are', () => {
    const pngs = [drawPublisherLogo(16), drawPublisherLogo(256)];
    const ico = icoFromPngs(pngs);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    expect([ico.readUInt8(6), ico.readUInt8(7), ico.readUInt16LE(10), ico.readUInt16LE(12), ico.readUInt32LE(14), ico.readUInt32LE(18)]).toEqual([16, 16, 1, 32, pngs[0]!.length, 38]);
    expect([ico.readUInt8(22), ico.readUInt8(23), ico.readUInt32LE(30), ico.readUInt32LE(34)]).toEqual([0, 0, pngs[1]!.length, 38 + pngs[0]!.length]); // 0 is 256
    expect(ico.subarray(38)).toEqual(Buffer.concat(pngs));
  });

  test('refuses an image an icon file cannot describe', () => {
    expect(() => icoFromPngs([drawPublisherLogo(300)])).toThrow(/at most 256 px/);
  });
});
