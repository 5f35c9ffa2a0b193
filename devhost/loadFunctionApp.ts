import fs from 'node:fs';
import path from 'node:path';
import { clearRegisteredFunctions, installFunctionsCoreShim, registeredFunctions, type RegisteredFunction } from './functionsCoreShim';

/**
 * Expands package.json "main" the way the Node worker does for the v4 model: a path or a glob whose last segment
 * may hold `*` and `{a,b}` (e.g. `dist/src/functions/*.js`). Files are returned sorted for a stable load order.
 */
export function expandMainGlob(rootDir: string, main: string): string[] {
  const dir = path.resolve(rootDir, path.dirname(main));
  const pattern = path.basename(main);
  if (!/[*{]/.test(pattern)) return [path.join(dir, pattern)];
  const alternatives = /\{([^}]*)\}/.exec(pattern);
  const patterns = alternatives ? (alternatives[1] ?? '').split(',').map((alt) => pattern.replace(alternatives[0], alt)) : [pattern];
  const regexes = patterns.map((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`));
  if (!fs.existsSync(dir)) throw new Error(`The app's "main" (${main}) points at ${dir}, which does not exist. Run "npm run build" first.`);
  return fs
    .readdirSync(dir)
    .filter((f) => regexes.some((re) => re.test(f)))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Loads the app's entry modules with the functions-core stand-in installed, and returns what they registered.
 * `load` is `require` for compiled output, or a dynamic import in tests that run TypeScript sources.
 */
export async function loadFunctionApp(files: readonly string[], load: (file: string) => Promise<unknown>): Promise<RegisteredFunction[]> {
  installFunctionsCoreShim();
  clearRegisteredFunctions();
  for (const file of files) await load(file);
  const functions = [...registeredFunctions().values()];
  if (functions.length === 0) throw new Error(`No function was registered by ${files.length} module(s): ${files.join(', ')}`);
  return functions;
}
