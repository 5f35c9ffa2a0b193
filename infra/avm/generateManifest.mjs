#!/usr/bin/env node
/**
 * Regenerates infra/avm/manifest.json: for each Azure Verified Module the Bicep calls, the parameters (type, required,
 * allowed values, min/max) and outputs (type) of its compiled template, main.json in Azure/bicep-registry-modules at
 * the module's release tag `avm/res/<module>/<version>`.
 *
 *   node infra/avm/generateManifest.mjs --fetch              # download each pinned tag's main.json (needs GitHub)
 *   node infra/avm/generateManifest.mjs --from <dir> --commit <sha> --note <why this commit is the tag's template>
 *                                                           # <dir>/<module path>/main.json already on disk
 *
 * A copy read from a commit rather than the tag must say which commit (--commit, 40 hex digits) and why that commit's
 * main.json is the tag's template (--note); both land in the manifest's `source`, next to the template's own
 * fingerprint (`metadata._generator`: Bicep version and templateHash) so anyone with GitHub can check it against the
 * tag. With one --commit for the whole run, only one pinned module may be read that way.
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

/** The compiled template's own fingerprint, for checking a copy against the tag's main.json. */
function fingerprintOf(template) {
  const generator = template.metadata?._generator;
  return generator ? { bicepVersion: generator.version, templateHash: generator.templateHash } : undefined;
}

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const value = process.argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

async function main() {
  const fromOption = option('--from');
  const from = fromOption ? resolve(fromOption) : undefined;
  const commit = option('--commit');
  const note = option('--note');
  if (!from && !process.argv.includes('--fetch')) throw new Error('pass --fetch or --from <dir>');
  if (from && (!commit || !note)) throw new Error('--from needs --commit <sha> and --note <why that commit is the tag\'s template>');
  if (commit && !/^[0-9a-f]{40}$/.test(commit)) throw new Error(`--commit must be a full 40-hex commit id, got "${commit}"`);
  const texts = readdirSync(infra, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bicep')).map((f) => readFileSync(join(infra, f), 'utf8'));
  const pinned = pinnedModules(texts);
  if (from && pinned.length > 1) throw new Error(`--commit names one commit, but ${pinned.length} modules are pinned: read them with --fetch, or one at a time`);
  const modules = {};
  for (const ref of pinned) {
    const [path, version] = ref.split(':');
    const template = await templateFor(ref, from);
    const source = { repository: REPOSITORY, tag: `${path}/${version}`, path: `${path}/main.json`, readFrom: from ? `commit ${commit}` : 'tag' };
    if (from) Object.assign(source, { commit, evidence: note });
    const fingerprint = fingerprintOf(template);
    if (fingerprint) source.template = fingerprint;
    modules[ref] = { source, ...describeTemplate(template) };
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
