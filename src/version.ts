import packageJson from '../package.json';

/** The deployed package's version, reported by /api/health. */
export const appVersion: string = packageJson.version;
