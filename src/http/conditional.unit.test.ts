import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../clock.ts';
import { AppError } from '../errors.ts';
import {
  ifMatchDescription,
  ifMatchHeaders,
  requireIfMatch,
  versionedChange,
  versionedUpdate,
} from './conditional.ts';
import { idParams, problemResponses, problemSchema } from './schemas.ts';

function updateRequest(ifMatch: string | undefined) {
  return {
    params: { id: '0b8a2c1e-5d8f-4c36-9d0e-3f1b6f1f2a11' },
    body: { name: 'Riverside' },
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  } as unknown as FastifyRequest & { params: { id: string }; body: { name: string } };
}

describe('versionedChange', () => {
  it('hands the service the record in the path, the version the caller loaded and the fields sent', () => {
    expect(versionedChange(updateRequest('"3"'), systemClock)).toEqual({
      id: '0b8a2c1e-5d8f-4c36-9d0e-3f1b6f1f2a11',
      expectedVersion: 3,
      input: { name: 'Riverside' },
      clock: systemClock,
    });
  });

  it('refuses a change that does not say which version it was made to', () => {
    expect(() => versionedChange(updateRequest(undefined), systemClock)).toThrow(AppError);
    expect(() => versionedChange(updateRequest('*'), systemClock)).toThrow(AppError);
  });
});

describe('versionedUpdate', () => {
  const answer = z.object({ version: z.number() });

  it('requires If-Match, documents it and adds its answers to the route’s own', () => {
    const route = versionedUpdate({
      access: ['manager'],
      tags: ['Tests'],
      summary: 'Change a record',
      description: 'The version is the record’s `version`.',
      params: idParams,
      body: z.strictObject({ name: z.string() }),
      answer,
      problems: { ...problemResponses, 409: problemSchema },
    });
    expect(route.config).toEqual({ access: ['manager'] });
    expect(route.preValidation).toBe(requireIfMatch);
    expect(route.schema.description).toBe(`${ifMatchDescription} The version is the record’s \`version\`.`);
    expect(route.schema.params).toBe(idParams);
    expect(route.schema.headers).toBe(ifMatchHeaders);
    expect(Object.keys(route.schema.response).map(Number)).toEqual([200, 400, 401, 403, 404, 409, 412, 428]);
  });

  it('leaves out the path and the body when the route has none, rather than declaring them empty', () => {
    const settings = versionedUpdate({
      access: ['registered_manager'],
      tags: ['Tests'],
      summary: 'Set the settings',
      body: z.strictObject({ days: z.number() }),
      answer,
      problems: problemResponses,
    });
    expect(settings.schema).not.toHaveProperty('params');
    expect(settings.schema.description).toBe(ifMatchDescription);

    const reset = versionedUpdate({
      access: ['registered_manager'],
      tags: ['Tests'],
      summary: 'Go back to the default',
      params: idParams,
      answer,
      problems: problemResponses,
    });
    expect(reset.schema).not.toHaveProperty('body');
    expect(reset.schema.params).toBe(idParams);
  });
});
