#!/usr/bin/env node
/**
 * Builds the Azure Functions package in a clean staging folder (.deploy, azure.yaml `dist`): the compiled app (src
 * only), host.json, the conductor config, and production dependencies installed from the lockfile. The folder is
 * removed first, so a function whose source was deleted can never ship as a stale .js and register again; devhost,
 * the emulator, benchmarks, tests and devDependencies never ship.
 *
 *   node scripts/stagePackage.mjs [--skip-install]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** package.json as deployed: what the Functions host reads (main, type, engines) and the production dependencies. */
export function deployedManifest(manifest) {
  const { name, version, private: isPrivate, license, type, main, engines, dependencies } = manifest;
  return { name, version, private: isPrivate, license, type, main, engines, dependencies };
}

/**
 * @param {{ root: string, outDir: string, configPath: string, compile: (outDir: string) => void, install: (outDir: string) => void }} options
 * @returns {string[]} the files copied beside the compiled code
 */
export function stage({ root, outDir, configPath, compile, install }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  compile(outDir);
  const copied = ['host.json', 'package-lock.json', configPath];
  for (const file of copied) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: the package needs it`);
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    copyFileSync(join(root, file), join(outDir, file));
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(deployedManifest(manifest), null, 2)}\n`);
  // azd packages node_modules only when a .funcignore exists in the folder it zips (otherwise it drops them).
  writeFileSync(join(outDir, '.funcignore'), '# Everything here is meant to ship (scripts/stagePackage.mjs).\n');
  install(outDir);
  return copied;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  stage({
    root,
    outDir: join(root, '.deploy'),
    configPath: process.env.CONDUCTOR_CONFIG_PATH || 'conductor.yaml',
    compile: () => execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.package.json')], { stdio: 'inherit' }),
    install: (outDir) => {
      if (process.argv.includes('--skip-install')) return;
      execFileSync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: outDir, stdio: 'inherit' });
    },
  });
  process.stdout.write('stagePackage: .deploy is ready\n');
}
