#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx liaison …` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/cli.ts');
await runCli(process.argv);
