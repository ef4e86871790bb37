// Live coverage of a story: its state and its timestamped updates, one unit of work per step. The
// only file other modules import from this folder.
export { checkCoverageStep, checkUpdateText, LIVE_UPDATE_MAX_CHARACTERS, textOfUpdate, type CoverageState } from './live-rules.js';
export { findCoverage, listUpdates, listUpdatesChangedAfter, MAX_UPDATES_SHOWN, type LiveCoverage, type LiveUpdate } from './live-store.js';
export {
  deleteUpdate,
  editUpdate,
  endCoverage,
  liveCacheKey,
  postUpdate,
  setUpdatePinned,
  startCoverage,
  storyIdOfLiveKey,
  type LiveContext,
  type UpdateFields,
} from './live-service.js';
