// The editorial workflow: the story steps (one unit of work each), their pure rules, the newsroom's
// story queries and the revision diff. The only file other modules import from this folder.
export {
  addCorrection,
  createStory,
  fieldsOf,
  publishScheduledStory,
  publishStory,
  restoreRevision,
  saveStory,
  scheduleStory,
  submitForReview,
  unpublishStory,
  unscheduleStory,
  updatePublishedStory,
  type AuthorizeStory,
  type StoryAuditWriter,
  type StoryChange,
  type StoryContext,
  type StoryFields,
} from './story-workflow.js';
export {
  findAuthorName,
  findLatestRevision,
  findRevisionSnapshot,
  findStoryRecord,
  listCorrections,
  listRevisions,
  PUBLISH_STORY_JOB,
  setStoryWorkflow,
  type RevisionEntry,
  type StoryListItem,
  type StoryRecord,
} from './story-store.js';
export { describeStatus } from './story-rules.js';
export { bodyToLines, diffStoryText, type TextChange } from './story-diff.js';
export { listDashboardStories, type DashboardColumn, type DashboardStories } from './dashboard-queries.js';
export {
  countDeskStoriesByStatus,
  DESK_SORTS,
  DESK_TEXT_WINDOW,
  findDeskStories,
  listBylineAuthors,
  type DeskCursor,
  type DeskSort,
  type DeskStory,
  type DeskStoryFilter,
} from './desk-queries.js';
