import { defineConfig } from 'vite';

// The islands, built into dist/client/ with hashed names and a manifest the server reads to link
// them: the newsroom's story editor (client/editor/), served at /newsroom/assets/ (reader pages never
// load it), and the reader site's market island (client/strip/), served at /assets/. `base` is the
// editor's: the market island is one file that links to nothing, and so is the live coverage island (client/live/).
export default defineConfig({
  base: '/newsroom/assets/',
  publicDir: false,
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      // Entry names become file names: the editor keeps main-{hash}.js.
      input: { main: 'client/editor/main.ts', strip: 'client/strip/main.ts', live: 'client/live/main.ts' },
    },
  },
});
