import { defineConfig } from 'vite';

// The newsroom's story editor island (client/editor/), built into dist/client/ with hashed names and
// a manifest the server reads to link them; served at /newsroom/assets/. Reader pages never load it.
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
      input: 'client/editor/main.ts',
    },
  },
});
