#!/usr/bin/env node
/**
 * Regenerates infra/avm/manifest.json: for each Azure Verified Module the Bicep calls, the parameters (type, required,
 * allowed values, min/max) and outputs (type) of its compiled template, main.json in Azure/bicep-registry-modules at
 * the module's release tag `avm/res/<module>/<version>`.
 *
 *   node infra/avm/generateManifest.mjs --fetch              # download each pinned tag's main.json (needs GitHub)
 *   node infra/avm/generateManifest.mjs --from <dir>         # <dir>/<module path>/main.json already on disk
 *
 * The module list is every `br/public:avm/...:<version>` reference in infra/**\/*.bicep, so a new or re-pinned module
 * is picked up by running this script. test/infra/avmModules.test.ts checks the calls against the manifest.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const infra = resolve(here, '..');
const REPOSITORY = 'Azure/bicep-registry-modules';

/** `avm/res/web/site:0.15.1` for every AVM module reference in the Bicep. */
export function pinnedModules(bicepTexts) {
  const refs = new Set();
  for (const text of bicepTexts) for (const m of text.matchAll(/'br\/public:(avm\/[a-z0-9/-]+):(\d+\.\d+\.\d+)'/g)) refs.add(`${m[1]}:${m[2]}`);
  return [...refs].sort();
}

function typeOf(spec, definitions) {
  if (spec.type) return spec.type.toLowerCase() === 'securestring' ? 'string' : spec.type.toLowerCase() === 'secureobject' ? 'object' : spec.type.toLowerCase();
  const ref = spec.$ref?.replace('#/definitions/', '');
  return ref && definitions[ref] ? typeOf(definitions[ref], definitions) : 'any';
}

/** The manifest entry of one compiled template: parameters and outputs, as the call checks need them. */
export function describeTemplate(template) {
  const definitions = template.definitions ?? {};
  const parameters = {};
  for (const [name, spec] of Object.entries(template.parameters ?? {})) {
    const entry = { type: typeOf(spec, definitions), required: !('defaultValue' in spec) && spec.nullable !== true };
    if (spec.allowedValues) entry.allowedValues = spec.allowedValues;
    for (const k of ['minValue', 'maxValue', 'minLength', 'maxLength']) if (k in spec) entry[k] = spec[k];
    parameters[name] = entry;
  }
  const outputs = {};
  for (const [name, spec] of Object.entries(template.outputs ?? {})) outputs[name] = typeOf(spec, definitions);
  return { parameters, outputs };
}

async function templateFor(ref, from) {
  const [path, version] = ref.split(':');
  if (from) return JSON.parse(readFileSync(join(from, path, 'main.json'), 'utf8'));
  const url = `https://raw.githubusercontent.com/${REPOSITORY}/${path}/${version}/${path}/main.json`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function main() {
  const fromIndex = process.argv.indexOf('--from');
  const from = fromIndex > 0 ? resolve(process.argv[fromIndex + 1]) : undefined;
  if (!from && !process.argv.includes('--fetch')) throw new Error('pass --fetch or --from <dir>');
  const texts = readdirSync(infra, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bicep')).map((f) => readFileSync(join(infra, f), 'utf8'));
  const modules = {};
  for (const ref of pinnedModules(texts)) {
    const [path, version] = ref.split(':');
    modules[ref] = {
      source: { repository: REPOSITORY, tag: `${path}/${version}`, path: `${path}/main.json`, readFrom: from ? 'local copy' : 'tag' },
      ...describeTemplate(await templateFor(ref, from)),
    };
  }
  mkdirSync(here, { recursive: true });
  writeFileSync(join(here, 'manifest.json'), `${JSON.stringify({ generatedBy: 'infra/avm/generateManifest.mjs', modules }, null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`generateManifest: ${error.message}\n`);
    process.exit(1);
  });
}
