// Writes web/src/api-schema.ts, the browser app's types for every request and answer, from the
// OpenAPI description the server publishes at /api/openapi.json; with --check, fails instead when
// the committed file is not what the current server describes. The app is built against a
// database that is never reached (describing the routes reads no rows) and never listens.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../src/app.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/db/create-db.ts';

export const apiSchemaPath = fileURLToPath(new URL('../web/src/api-schema.ts', import.meta.url));

const header = `// Generated from the server's OpenAPI description (GET /api/openapi.json) by
// scripts/api-types.ts: do not edit. After changing a route or its schemas, run
// \`npm run generate:api\`; \`npm run check\` fails while this file is out of date.
`;

/** The OpenAPI description the server publishes, without starting a listener. */
export async function describeApi(): Promise<OpenAPI3> {
  // Port 9 (discard) on this machine: nothing answers, and nothing needs to.
  const database = await createDatabase({ backend: 'postgres', url: 'postgres://127.0.0.1:9/none' });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/liaison-unused' });
  const app = await buildApp(
    { db: database.db, backend: database.backend, clock: systemClock, config },
    { logger: false },
  );
  try {
    await app.ready();
    return app.swagger() as unknown as OpenAPI3;
  } finally {
    await app.close();
    await database.close();
  }
}

/** The TypeScript the browser app imports for a description. */
export async function apiTypesFor(description: OpenAPI3): Promise<string> {
  return openapiTS(withoutRefusals(description), { commentHeader: header, silent: true });
}

/**
 * The description with only the answers a page reads: every refusal is the one problem+json shape,
 * read by the client's ApiError, and writing it out for each status of each route would make the
 * file five times longer.
 */
function withoutRefusals(description: OpenAPI3): OpenAPI3 {
  // A copy: the generator also annotates the object it is given.
  const copy = structuredClone(description);
  for (const pathItem of Object.values(copy.paths ?? {})) {
    for (const operation of Object.values(pathItem) as Array<{ responses?: Record<string, unknown> }>) {
      if (!operation?.responses) continue;
      for (const status of Object.keys(operation.responses)) {
        if (Number(status) >= 400) delete operation.responses[status];
      }
    }
  }
  return copy;
}

async function main(): Promise<void> {
  const types = await apiTypesFor(await describeApi());
  if (!process.argv.includes('--check')) {
    fs.writeFileSync(apiSchemaPath, types);
    console.log(`Wrote ${apiSchemaPath}.`);
    return;
  }
  const committed = fs.existsSync(apiSchemaPath) ? fs.readFileSync(apiSchemaPath, 'utf8') : '';
  if (committed !== types) {
    console.error(
      'web/src/api-schema.ts is not what the server describes: run `npm run generate:api` and check the pages still type-check.',
    );
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
