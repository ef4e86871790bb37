// The curated front page (lead and top stories) and the breaking-news banner: pure rules that
// return a reason when refused, and their store. The only file other modules import from this folder.
export { addTopStory, moveTopStory, removeFromFrontPage, setLead, type Banner, type CurationChange, type FrontPageCuration } from './front-page.js';
export {
  clearBanner,
  findActiveBanner,
  loadCuratedFrontPage,
  loadFrontPageCuration,
  loadFrontPageForEditing,
  raiseBanner,
  saveFrontPageCuration,
  type CuratedStory,
} from './curation-store.js';
