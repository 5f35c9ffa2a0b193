import { defineConfig } from 'vitest/config';
import LongFilesFirstSequencer from './test/setup/longFilesFirstSequencer.mts';

/**
 * Test files that must get a fresh module registry: they load the function modules (whose registrations and
 * per-process services are module state), start the local host, or set process-wide variables that a library
 * caches on first use (MSAL's managed-identity source). Every other file shares its worker's module cache
 * (`isolate: false`), which saves re-importing the SDKs for each file — most of what a file used to cost.
 */
const needsFreshModules = [
  'test/e2e/approvalOutcomes.test.ts',
  'test/e2e/approvalPage.test.ts',
  'test/e2e/story.test.ts',
  'test/emulator/managedIdentity.test.ts',
  'test/integration/api/**/*.test.ts',
  'test/integration/devhost/**/*.test.ts',
  'test/integration/gates/gateEvents.test.ts',
  'test/integration/releases/eventStorm.test.ts',
  'test/integration/resilience/**/*.test.ts',
];

export default defineConfig({
  test: {
    setupFiles: ['test/setup/installFunctionsCoreShim.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Three workers on two cores: the long files wait much of their time (a virtual clock, child processes,
    // Chromium), and a third worker fills those gaps (npm test 184 s → 157 s idle); more only adds contention.
    maxWorkers: 3,
    reporters: ['default', './test/setup/summaryReporter.ts'],
    sequence: { sequencer: LongFilesFirstSequencer },
    projects: [
      {
        extends: true,
        // Pure tests: no servers, no Azurite, no emulator (`npm run test:unit`, the inner loop).
        test: {
          name: 'unit',
          // test/infra: the deployment checks (Bicep parse, manifests, the azd walk with a stub az) start no servers.
          include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'],
          setupFiles: ['test/setup/forbidServers.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        // Everything that needs the local world: contract suites on Azurite, the emulator, the local host, Chromium.
        test: {
          name: 'world',
          include: ['test/**/*.test.ts'],
          exclude: ['test/unit/**', 'test/infra/**', ...needsFreshModules],
          globalSetup: ['test/setup/azurite.globalSetup.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        // The same world, one fresh module registry per file (vitest's default).
        test: {
          name: 'world-isolated',
          include: needsFreshModules,
          globalSetup: ['test/setup/azurite.globalSetup.ts'],
        },
      },
    ],
  },
});
