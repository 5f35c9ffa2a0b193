import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CONDUCTOR_SCHEMA_FILE, conductorJsonSchema } from '../../../src/domain/config/conductorJsonSchema';
import { parseConductorConfig } from '../../../src/domain/config/parseConductorConfig';

// conductor.schema.json is generated from the zod schema the app parses conductor.yaml with: the committed copy must
// be what `npm run schema` writes, and every example conductor.yaml must pass both the parser and the JSON Schema
// (the one an editor checks against), and point the editor at it.

const ROOT = path.resolve(__dirname, '../../..');
const committed = (): unknown => JSON.parse(readFileSync(path.join(ROOT, CONDUCTOR_SCHEMA_FILE), 'utf8'));
const EXAMPLES = readdirSync(ROOT).filter((f) => /^conductor.*\.ya?ml$/.test(f));
const validator = () => new Ajv2020({ allErrors: true, strict: true }).compile(committed() as object);

describe('conductor.schema.json', () => {
  it('is the generated one (run `npm run schema` after changing the config schema)', () => {
    expect(committed()).toEqual(JSON.parse(JSON.stringify(conductorJsonSchema())));
  });

  it('is a valid JSON Schema 2020-12 that strict Ajv compiles', () => {
    expect(() => validator()).not.toThrow();
  });

  it('finds an example conductor.yaml to check', () => {
    expect(EXAMPLES).toContain('conductor.yaml');
  });

  it.each(EXAMPLES)('%s starts with the yaml-language-server $schema line and passes the parser and the JSON Schema', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const first = text.split('\n')[0] ?? '';
    const schemaPath = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
    expect(schemaPath, first).toBeDefined();
    expect(path.resolve(ROOT, schemaPath ?? '')).toBe(path.join(ROOT, CONDUCTOR_SCHEMA_FILE));
    const doc: unknown = parseYaml(text);
    const parsed = parseConductorConfig(doc);
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    const validate = validator();
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  it('refuses what the parser refuses field by field (a typo, a wrong type, a bad pattern)', () => {
    const validate = validator();
    const doc = parseYaml(readFileSync(path.join(ROOT, 'conductor.yaml'), 'utf8')) as { fleets: Record<string, unknown>[]; gatePolicies: Record<string, unknown>[] };
    for (const broken of [
      { ...doc, fleets: [{ ...doc.fleets[0], subscriptionId: 'not-a-guid' }] },
      { ...doc, fleets: [{ ...doc.fleets[0], strategie: 'x' }] },
      { ...doc, gatePolicies: [{ id: 'p', checks: [{ type: 'nodes-ready', threshold: 'zero' }] }] },
      { ...doc, gatePolicies: [{ id: 'p', checks: [{ type: 'no-such-check' }] }] },
    ]) {
      expect(validate(broken), JSON.stringify(broken).slice(0, 200)).toBe(false);
      expect(parseConductorConfig(broken).ok).toBe(false);
    }
  });
});
