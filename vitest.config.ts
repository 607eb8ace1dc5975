// Two projects: unit tests beside the code (Node), and e2e tests that drive the built app in
// Debian's Chromium. The e2e project runs its files one at a time: the machine has 2 cores.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  test: {
    projects: [
      {
        // The svelte plugin compiles runes in *.svelte.ts state classes and their *.svelte.test.ts.
        plugins: [svelte()],
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
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
