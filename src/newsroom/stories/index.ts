export { storyRoutes, parseStoryId, type StoryRoutesOptions } from './routes.js';
export { loadEditorAssets, CLIENT_BUILD_DIR, ASSETS_PREFIX, type EditorAssets } from './editor-assets.js';
export { accessOf } from './story-steps.js';
