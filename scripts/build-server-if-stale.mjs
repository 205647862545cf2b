// Before `npm start`: recompile the server if any source file is newer than the compiled one,
// so a start after editing or pulling never runs stale code, and an up-to-date start costs nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { compiledServerIsFresh, compiledStamp } from './compiled-server.mjs';

if (!compiledServerIsFresh()) {
  console.log('Compiling the server…');
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  fs.utimesSync(compiledStamp, new Date(), new Date());
}
if (!fs.existsSync('web/dist/index.html')) {
  console.log('Building the web interface…');
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts'],
    { stdio: 'inherit' },
  );
}
