import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security/csp.ts';

/** Puts the CSP into index.html; the dev server needs its socket and refresh preamble. */
function cspMeta(dev: boolean): Plugin {
  return {
    name: 'avatar-studio:csp',
    transformIndexHtml: (html) =>
      html.replace('<!-- csp -->', `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ dev })}" />`),
  };
}

export default defineConfig(({ command }) => ({
  main: {
    build: {
      outDir: 'out/main',
      lib: { entry: resolve(import.meta.dirname, 'electron/main/index.ts'), formats: ['es'] },
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one CommonJS file that requires only `electron`.
      externalizeDeps: false,
      lib: {
        entry: resolve(import.meta.dirname, 'electron/preload/index.ts'),
        formats: ['cjs'],
        fileName: () => 'index.cjs',
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    base: './',
    plugins: [react(), cspMeta(command === 'serve')],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      minify: true,
      sourcemap: false,
      rolldownOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
    },
  },
}));
