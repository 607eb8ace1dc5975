// Vite: the app (index.html) and the harness page the CLI drives (harness.html), both served with
// COOP/COEP so the page is cross-origin isolated and onnxruntime's wasm threads can run.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { serviceWorker } from './scripts/vite-sw.ts';
import { ISOLATION_HEADERS } from './src/lib/http/isolation.ts';

const isolationHeaders = { ...ISOLATION_HEADERS };

export default defineConfig({
  plugins: [svelte(), serviceWorker()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        harness: resolve(import.meta.dirname, 'harness.html'),
        // The bare onnxruntime-web loop that `npm run bench` measures edgeprobe's overhead against.
        bare: resolve(import.meta.dirname, 'bench/bare.html'),
      },
    },
  },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
