// After install: put this package's own `liaison` command on npm's local bin path, so that
// `npx liaison …` runs it (npm links the bins of dependencies, not of the package itself).
import fs from 'node:fs';
import path from 'node:path';

const binDirectory = 'node_modules/.bin';
const link = path.join(binDirectory, 'liaison');
fs.mkdirSync(binDirectory, { recursive: true });
fs.rmSync(link, { force: true });
fs.symlinkSync(path.relative(binDirectory, 'bin/liaison.mjs'), link);
