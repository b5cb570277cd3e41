import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The main-process side as Node ESM bundles: the Electron shell, the browser host and the
 * standalone sandbox. Dependencies stay external (native modules cannot be bundled and
 * electron-builder packs node_modules itself).
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: false,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        'main/main': resolve(import.meta.dirname, 'electron/main/main.ts'),
        'host/browserMain': resolve(import.meta.dirname, 'electron/host/browserMain.ts'),
        'sandbox/sandboxCli': resolve(import.meta.dirname, 'electron/sandbox/sandboxCli.ts'),
      },
      output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
