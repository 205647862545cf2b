#!/usr/bin/env node
// Runs the compiled CLI (dist/server) when it is up to date with src/, which starts in well under
// a second; otherwise (no build yet, or sources edited since) the TypeScript itself through tsx's
// loader, so `npx liaison …` never runs stale code and never needs a build step first.
import { fileURLToPath } from 'node:url';
import { compiledServerIsFresh } from '../scripts/compiled-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
let cli;
if (compiledServerIsFresh(root)) {
  cli = await import('../dist/server/cli/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/cli.ts');
}
await cli.runCli(process.argv);
