import { describe, expect, it } from 'vitest';
import { ACTIONS, can, ROLES, storyReadScope, type Action, type Role, type StoryAccess } from './permissions.js';

const user = (role: Role) => ({ id: 7, role, authorId: 70 });
const STATUSES = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'] as const;
const own = (status: string, how: 'creator' | 'byline'): StoryAccess =>
  how === 'creator' ? { createdByUserId: 7, authorIds: [], status } : { createdByUserId: 99, authorIds: [12, 70], status };
const other = (status: string): StoryAccess => ({ createdByUserId: 99, authorIds: [12], status });

// The table in docs/newsroom.md, "Roles and permissions", cell by cell: [own story, other's story] per status.
type Expect = (status: string) => [boolean, boolean];
const always: Expect = () => [true, true];
const never: Expect = () => [false, false];
const ownOnly: Expect = () => [true, false];
const table: Record<Role, Record<Action, Expect>> = {
  contributor: {
    'story.read': ownOnly,
    'story.create': always,
    'story.edit': (status) => [status === 'draft' || status === 'in_review', false],
    'story.submit': ownOnly,
    'story.publish': never,
    'story.correct': never,
    'story.live': never,
    'media.upload': always,
    'frontpage.curate': never,
    'taxonomy.manage': never,
    'ingest.manage': never,
    'markets.manage': never,
    'users.manage': never,
    'settings.manage': never,
  },
  author: {
    'story.read': ownOnly,
    'story.create': always,
    'story.edit': ownOnly,
    'story.submit': ownOnly,
    'story.publish': ownOnly,
    'story.correct': ownOnly,
    'story.live': ownOnly,
    'media.upload': always,
    'frontpage.curate': never,
    'taxonomy.manage': never,
    'ingest.manage': never,
    'markets.manage': never,
    'users.manage': never,
    'settings.manage': never,
  },
  editor: {
    'story.read': always,
    'story.create': always,
    'story.edit': always,
    'story.submit': always,
    'story.publish': always,
    'story.correct': always,
    'story.live': always,
    'media.upload': always,
    'frontpage.curate': always,
    'taxonomy.manage': always,
    'ingest.manage': always,
    'markets.manage': always,
    'users.manage': never,
    'settings.manage': never,
  },
  admin: Object.fromEntries(ACTIONS.map((action) => [action, always])) as Record<Action, Expect>,
};

describe('can(user, action, story)', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      it(`${role} × ${action}: own (creator and byline) and other stories in every status`, () => {
        for (const status of STATUSES) {
          const [onOwn, onOther] = table[role][action](status);
          expect(can(user(role), action, own(status, 'creator')), `own by creator, ${status}`).toBe(onOwn);
          expect(can(user(role), action, own(status, 'byline')), `own by byline, ${status}`).toBe(onOwn);
          expect(can(user(role), action, other(status)), `other, ${status}`).toBe(onOther);
        }
      });
    }
  }

  it('without a story answers whether the role can do it to some story', () => {
    expect(can(user('contributor'), 'story.publish')).toBe(false);
    expect(can(user('author'), 'story.publish')).toBe(true);
    expect(can(user('contributor'), 'story.edit')).toBe(true);
    expect(can(user('editor'), 'users.manage')).toBe(false);
  });

  it('story read scope: contributors and authors read their own stories, editors and admins every story', () => {
    expect(ROLES.map((role) => [role, storyReadScope(user(role))])).toEqual([
      ['contributor', 'own'],
      ['author', 'own'],
      ['editor', 'all'],
      ['admin', 'all'],
    ]);
  });

  it('a user without a byline owns only what they created', () => {
    const noByline = { id: 7, role: 'author' as const, authorId: null };
    expect(can(noByline, 'story.edit', { createdByUserId: null, authorIds: [70], status: 'draft' })).toBe(false);
    expect(can(noByline, 'story.edit', { createdByUserId: 7, authorIds: [], status: 'draft' })).toBe(true);
  });
});
