import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { startAzurite } from '../../devhost/startAzurite';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the Azurite Table service started once for the whole run. */
    azuriteConnectionString: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startAzurite();
  project.provide('azuriteConnectionString', azurite.connectionString);
  return () => azurite.stop();
}
