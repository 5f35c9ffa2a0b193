/** Architecture rules of docs/design.md §2, checked in CI (`npm run lint:deps`). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain imports only src/domain and zod: no SDKs, no node built-ins, no other layer (docs/design.md §2.1). ' +
        'zod is allowed because it is pure (no I/O, no clock, no randomness): the config schemas are domain rules.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^(src/domain/|node_modules/zod/)' },
    },
    {
      name: 'app-uses-domain-and-ports-only',
      comment: 'use cases see the domain and the ports, never adapters or SDKs (docs/design.md §2.2)',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: '^(src/app/|src/domain/|src/ports(\\.ts|/))' },
    },
    {
      name: 'adapters-do-not-reach-up',
      comment: 'adapters implement ports; they never import use cases or function bindings (docs/design.md §2.3)',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(app|functions)/' },
    },
    {
      name: 'only-adapters-import-azure-sdks',
      comment: 'Azure SDKs stay behind the ports; functions may use @azure/functions only (docs/design.md §2.3-4)',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(adapters/|composition)' },
      to: { path: 'node_modules/@azure/(?!functions/)' },
    },
    {
      name: 'functions-are-thin',
      comment: 'bindings call use cases via the composition root; they never build adapters themselves (docs/design.md §2.4)',
      severity: 'error',
      from: { path: '^src/functions/' },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'views-render-only',
      comment: 'views turn view models into HTML: they see the domain and use-case types, nothing that does I/O',
      severity: 'error',
      from: { path: '^src/views/' },
      to: { pathNot: '^src/(views|domain|app)/|^src/ports(\\.ts|/)' },
    },
    {
      name: 'src-never-imports-local-world',
      comment: 'deployed code never depends on the emulator, the local host or tests (docs/design.md §2.6)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(emulator|devhost|test|bench)/' },
    },
    {
      name: 'emulator-is-independent',
      comment: 'the emulator is an independent implementation of Azure; it imports nothing from src/ (docs/design.md §2.6)',
      severity: 'error',
      from: { path: '^emulator/' },
      to: { path: '^(src|devhost|test)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
