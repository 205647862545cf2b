import fs from 'node:fs';
import type { OpenAPI3 } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiSchemaPath, apiTypesFor, describeApi } from '../scripts/api-types.ts';

// The browser app's types are generated from the server's OpenAPI description; `npm run check`
// runs the same comparison (scripts/api-types.ts --check) so that they cannot drift apart.
describe("the browser app's API types", () => {
  let description: OpenAPI3;
  beforeAll(async () => {
    description = await describeApi();
  }, 60_000);

  it('are what the current server describes', async () => {
    expect(await apiTypesFor(description)).toBe(fs.readFileSync(apiSchemaPath, 'utf8'));
  });

  it('differ as soon as an answer changes shape, so a server change cannot go unnoticed', async () => {
    const changed = structuredClone(description);
    const person = changed.components?.schemas?.Person as { properties: Record<string, unknown> };
    delete person.properties.familyName;

    const types = await apiTypesFor(changed);

    expect(types).not.toBe(fs.readFileSync(apiSchemaPath, 'utf8'));
    expect(personSchemaIn(types)).not.toContain('familyName');
    expect(personSchemaIn(await apiTypesFor(description))).toContain('familyName');
  });
});

/** The generated type of a Person answer. */
function personSchemaIn(types: string): string {
  const start = types.indexOf('\n    Person: {');
  return types.slice(start, types.indexOf('\n    };', start));
}
