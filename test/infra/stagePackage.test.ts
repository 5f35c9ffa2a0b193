import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO } from './support/bicep';

interface StageModule {
  stage: (options: { root: string; outDir: string; configPath: string; compile: (outDir: string) => void; install: (outDir: string) => void }) => string[];
  deployedManifest: (manifest: Record<string, unknown>) => Record<string, unknown>;
}
const load = async (): Promise<StageModule> => (await import(join(REPO, 'scripts/stagePackage.mjs'))) as StageModule;

describe('the Functions package (scripts/stagePackage.mjs)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('starts from an empty folder: a stale .js from a removed function never ships', async () => {
    const { stage } = await load();
    const outDir = mkdtempSync(join(tmpdir(), 'conductor-stage-'));
    dirs.push(outDir);
    mkdirSync(join(outDir, 'dist/src/functions'), { recursive: true });
    writeFileSync(join(outDir, 'dist/src/functions/removedFunction.js'), 'app.http("removed", {})');
    let installedInto = '';
    const copied = stage({
      root: REPO,
      outDir,
      configPath: 'conductor.yaml',
      compile: (dir) => {
        expect(readdirSync(dir)).toEqual([]); // compiled into an emptied folder
        mkdirSync(join(dir, 'dist/src/functions'), { recursive: true });
        writeFileSync(join(dir, 'dist/src/functions/health.js'), '');
      },
      install: (dir) => {
        installedInto = dir;
      },
    });
    expect(existsSync(join(outDir, 'dist/src/functions/removedFunction.js'))).toBe(false);
    expect(readdirSync(join(outDir, 'dist/src/functions'))).toEqual(['health.js']);
    expect(copied).toEqual(['host.json', 'package-lock.json', 'conductor.yaml']);
    expect(existsSync(join(outDir, '.funcignore'))).toBe(true);
    expect(installedInto).toBe(outDir);
  });

  it('deploys a manifest with the production dependencies only (no devDependencies, no scripts)', async () => {
    const { deployedManifest } = await load();
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    const deployed = deployedManifest(manifest);
    expect(deployed).not.toHaveProperty('devDependencies');
    expect(deployed).not.toHaveProperty('scripts');
    expect(deployed.dependencies).toEqual(manifest.dependencies);
    expect(deployed.main).toBe('dist/src/functions/*.js');
    // Negative control: the full manifest would ship the test tooling.
    expect(Object.keys(manifest.devDependencies)).toContain('vitest');
  });

  it('compiles only src for the package, and `npm run build` empties dist first', () => {
    const tsconfig = JSON.parse(readFileSync(join(REPO, 'tsconfig.package.json'), 'utf8'));
    expect(tsconfig.include).toEqual(['src']);
    expect(tsconfig.compilerOptions.outDir).toBe('.deploy/dist');
    const scripts = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts;
    expect(scripts.build).toMatch(/^node -e "require\('node:fs'\)\.rmSync\('dist',\{recursive:true,force:true\}\)" && tsc /);
    const azureYaml = readFileSync(join(REPO, 'azure.yaml'), 'utf8');
    expect(azureYaml).toMatch(/dist: \.deploy/);
    expect(azureYaml).toMatch(/run: node \.\/scripts\/stagePackage\.mjs/);
  });
});
