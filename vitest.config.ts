// Three projects: unit tests beside the code (Node), state-class tests (runes, through the Svelte
// plugin), and e2e tests that drive the built app in
// Debian's Chromium. The e2e project runs its files one at a time: the machine has 2 cores.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.svelte.test.ts', 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        // State classes (runes in *.svelte.ts) compiled by the Svelte plugin for the client, as in the app.
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'unit-svelte',
          include: ['src/**/*.svelte.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['tests/setup/global.ts'],
        },
      },
    ],
  },
});
