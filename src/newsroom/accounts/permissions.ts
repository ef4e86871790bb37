/** Newsroom roles, least to most powerful. */
export const ROLES = ['contributor', 'author', 'editor', 'admin'] as const;

/** A newsroom role. */
export type Role = (typeof ROLES)[number];

/** Everything a newsroom user may be allowed to do (docs/newsroom.md, "Roles and permissions"). */
export const ACTIONS = [
  'story.read',
  'story.create',
  'story.edit',
  'story.submit',
  'story.publish',
  'story.correct',
  'story.live',
  'media.upload',
  'frontpage.curate',
  'taxonomy.manage',
  'ingest.manage',
  'markets.manage',
  'users.manage',
  'settings.manage',
] as const;

/** One permission. */
export type Action = (typeof ACTIONS)[number];

/** The signed-in person, as every newsroom route sees them. */
export interface NewsroomUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The author row of this user's byline, if any. */
  authorId: number | null;
}

/** What permissions need to know about a story: who made it, who is on its byline, its status. */
export interface StoryAccess {
  createdByUserId: number | null;
  authorIds: readonly number[];
  status: string;
}

/** Whether a string names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** "Own": the story's creator is the user, or the user's author is on its byline. */
export function isOwnStory(user: Pick<NewsroomUser, 'id' | 'authorId'>, story: StoryAccess): boolean {
  return story.createdByUserId === user.id || (user.authorId !== null && story.authorIds.includes(user.authorId));
}

/** Which stories a role may read in the newsroom (drafts, revisions, previews): every story, or only its own. */
export function storyReadScope(user: Pick<NewsroomUser, 'role'>): 'all' | 'own' {
  return user.role === 'editor' || user.role === 'admin' ? 'all' : 'own';
}

/**
 * Whether the user may do the action (on the story, for story actions). Story actions asked without
 * a story answer whether the role can do it to some story (e.g. to show a button on a list).
 */
export function can(user: Pick<NewsroomUser, 'id' | 'role' | 'authorId'>, action: Action, story?: StoryAccess): boolean {
  const { role } = user;
  const isEditor = role === 'editor' || role === 'admin';
  switch (action) {
    case 'story.create':
    case 'media.upload':
      return true;
    case 'story.read':
      // Unpublished work is the newsroom's secret until it goes out: contributors and authors see their own only.
      return storyReadScope(user) === 'all' || !story || isOwnStory(user, story);
    case 'frontpage.curate':
    case 'taxonomy.manage':
    // Sources and the ingest desk: deciding what of the world's copy runs is an editor's call.
    case 'ingest.manage':
    // Instruments and the ticker strip: what the site quotes is an editorial choice.
    case 'markets.manage':
      return isEditor;
    case 'users.manage':
    case 'settings.manage':
      return role === 'admin';
    case 'story.edit':
      if (isEditor) return true;
      if (!story) return true;
      if (!isOwnStory(user, story)) return false;
      // Contributors hand a story over when they submit it: editable while a draft or in review only.
      return role === 'author' || story.status === 'draft' || story.status === 'in_review';
    case 'story.submit':
      if (isEditor) return true;
      return !story || isOwnStory(user, story);
    case 'story.publish':
    case 'story.correct':
    // Live coverage is published copy: who may publish a story may run its live desk.
    case 'story.live':
      if (isEditor) return true;
      if (role !== 'author') return false;
      return !story || isOwnStory(user, story);
  }
}
