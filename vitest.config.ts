import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'lessons/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // `kubectl explain` and the editor hovers need the field descriptions the browser loads lazily.
    setupFiles: ['src/engine/schema/descriptions-bundled.ts'],
    pool: 'threads',
    // Whole-cluster scenarios run minutes of simulated time; on a loaded 2-core machine they need headroom.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
