import { describe, expect, test } from 'vitest';
import { addTopStory, MAX_TOP_STORIES, moveTopStory, removeFromFrontPage, setLead, type FrontPageCuration } from './front-page.js';

const start: FrontPageCuration = { leadId: 1, topIds: [2, 3, 4] };

describe('front-page curation rules', () => {
  test('setting a top story as lead takes it out of the top stories', () => {
    expect(setLead(start, 3)).toEqual({ ok: true, curation: { leadId: 3, topIds: [2, 4] } });
  });

  test('adding appends; a duplicate or one past the limit is refused with a reason', () => {
    expect(addTopStory(start, 5)).toEqual({ ok: true, curation: { leadId: 1, topIds: [2, 3, 4, 5] } });
    expect(addTopStory(start, 2)).toMatchObject({ ok: false, reason: expect.stringContaining('already') });
    const full = { leadId: null, topIds: Array.from({ length: MAX_TOP_STORIES }, (_, i) => i + 10) };
    expect(addTopStory(full, 99)).toMatchObject({ ok: false, reason: expect.stringContaining(`${MAX_TOP_STORIES}`) });
  });

  test('the lead moved into the top stories leaves the lead slot empty', () => {
    expect(addTopStory(start, 1)).toEqual({ ok: true, curation: { leadId: null, topIds: [2, 3, 4, 1] } });
  });

  test('moves swap neighbours and stop at the ends', () => {
    expect(moveTopStory(start, 3, 'up')).toEqual({ ok: true, curation: { leadId: 1, topIds: [3, 2, 4] } });
    expect(moveTopStory(start, 3, 'down')).toEqual({ ok: true, curation: { leadId: 1, topIds: [2, 4, 3] } });
    expect(moveTopStory(start, 2, 'up')).toEqual({ ok: true, curation: start });
    expect(moveTopStory(start, 4, 'down')).toEqual({ ok: true, curation: start });
    expect(moveTopStory(start, 9, 'up').ok).toBe(false);
  });

  test('removing takes a story out of either place', () => {
    expect(removeFromFrontPage(start, 1)).toEqual({ ok: true, curation: { leadId: null, topIds: [2, 3, 4] } });
    expect(removeFromFrontPage(start, 3)).toEqual({ ok: true, curation: { leadId: 1, topIds: [2, 4] } });
  });
});
