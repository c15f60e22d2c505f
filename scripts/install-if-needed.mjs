// Lets `npm start` and `npm test` be the only commands on a fresh clone: installs from the lockfile when
// node_modules is missing or older than package-lock.json, and does nothing otherwise.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs;
if (stale) {
  console.log(
    'Installing dependencies from package-lock.json (first run; compiling better-sqlite3 takes about 90 s)...',
  );
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
