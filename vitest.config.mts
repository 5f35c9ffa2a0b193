import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup/installFunctionsCoreShim.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: more workers than that only adds contention between emulators and Azurite.
    maxWorkers: 2,
    reporters: ['default', './test/setup/summaryReporter.ts'],
    projects: [
      {
        extends: true,
        // Pure tests: no servers, no Azurite, no emulator (`npm run test:unit`, the inner loop).
        test: {
          name: 'unit',
          // test/infra: the deployment checks (Bicep parse, manifests, the azd walk with a stub az) start no servers.
          include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'],
          setupFiles: ['test/setup/forbidServers.ts'],
        },
      },
      {
        extends: true,
        // Everything that needs the local world: contract suites on Azurite, the emulator, the local host, Chromium.
        test: {
          name: 'world',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**', 'test/infra/**'],
          globalSetup: ['test/setup/azurite.globalSetup.ts'],
        },
      },
    ],
  },
});
