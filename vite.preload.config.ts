import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The preload runs sandboxed, where only CommonJS `require('electron')` is available:
 * one self-contained CJS file with everything but electron bundled in.
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, 'dist/preload'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: { preload: resolve(import.meta.dirname, 'electron/preload/preload.ts') },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true },
});
