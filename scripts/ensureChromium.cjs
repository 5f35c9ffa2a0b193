#!/usr/bin/env node
/**
 * `npm test` runs page tests in Debian's Chromium through playwright-core (Playwright's own browser download cannot
 * be reached here). Installs the Debian package when it is missing and this user can (root with apt-get); otherwise
 * says how, and the page tests will fail with the same message.
 */
const { execSync } = require('node:child_process');
const fs = require('node:fs');

const CHROMIUM = '/usr/bin/chromium';
if (fs.existsSync(CHROMIUM)) process.exit(0);
const canInstall = typeof process.getuid === 'function' && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.warn(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) for the page tests.`);
  process.exit(0);
}
console.log('Installing Debian chromium for the page tests…');
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit', shell: '/bin/bash' });
