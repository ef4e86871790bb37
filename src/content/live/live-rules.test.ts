import { describe, expect, test } from 'vitest';
import { checkCoverageStep, checkUpdateText, LIVE_UPDATE_MAX_CHARACTERS, textOfUpdate } from './live-rules.js';

describe('checkUpdateText', () => {
  test('trims, keeps line breaks and drops control characters', () => {
    expect(checkUpdateText('  Rates held\r\n\r\nat 5.25%\u0007 ')).toEqual({ text: 'Rates held\n\nat 5.25%' });
  });

  test('refuses empty text and text over the limit, counting characters, not UTF-16 units', () => {
    expect(checkUpdateText(' \n ')).toEqual({ reason: 'Write the update readers will see.' });
    expect(checkUpdateText('😀'.repeat(LIVE_UPDATE_MAX_CHARACTERS))).toEqual({ text: '😀'.repeat(LIVE_UPDATE_MAX_CHARACTERS) });
    expect(checkUpdateText('a'.repeat(LIVE_UPDATE_MAX_CHARACTERS + 1))).toHaveProperty('reason');
    expect(checkUpdateText('a'.repeat(10_000_000))).toEqual({ reason: `An update is at most ${LIVE_UPDATE_MAX_CHARACTERS} characters; this one is 10000000.` });
  });
});

describe('checkCoverageStep', () => {
  test('a story goes live, takes updates while live, ends once, and may go live again', () => {
    expect(checkCoverageStep(undefined, 'start').isAllowed).toBe(true);
    expect(checkCoverageStep('live', 'start').isAllowed).toBe(false);
    expect(checkCoverageStep('ended', 'start').isAllowed).toBe(true);
    expect(checkCoverageStep('live', 'post').isAllowed).toBe(true);
    expect(checkCoverageStep('ended', 'post')).toEqual({ isAllowed: false, reason: 'Coverage has ended: turn the story live again to post.' });
    expect(checkCoverageStep(undefined, 'post').isAllowed).toBe(false);
    expect(checkCoverageStep('ended', 'edit').isAllowed).toBe(true);
    expect(checkCoverageStep(undefined, 'edit').isAllowed).toBe(false);
    expect(checkCoverageStep('live', 'end').isAllowed).toBe(true);
    expect(checkCoverageStep('ended', 'end').isAllowed).toBe(false);
  });
});

test('textOfUpdate gives back the words of an update stored as escaped paragraphs', () => {
  expect(textOfUpdate('<p>Rates &#60;held&#62; &#38; steady</p><p>More</p>')).toBe('Rates <held> & steady More');
});
