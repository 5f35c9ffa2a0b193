import { describe, expect, it } from 'vitest';
import { bicepSources, readInfra } from './support/bicep';

describe('infra Bicep parses with tree-sitter-bicep', () => {
  it('every infra/**/*.bicep file parses with 0 errors', async () => {
    const files = await readInfra();
    expect(files.size).toBeGreaterThanOrEqual(9);
    const errors = [...files.values()].flatMap((f) => f.errors.map((e) => `${f.path}: ${e}`));
    expect(errors).toEqual([]);
  });

  it('negative control: a copy with a missing brace and a stray token is reported', async () => {
    const sources = bicepSources();
    const main = sources.get('main.bicep')!;
    const broken = new Map([['main.bicep', main.replace(/\n}\n/, '\n\n').replace('targetScope', 'targetScope ===')]]);
    const [file] = [...(await readInfra(broken)).values()];
    expect(file!.errors.length).toBeGreaterThan(0);
  });
});
