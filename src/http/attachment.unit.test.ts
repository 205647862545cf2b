import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { asAttachment } from './attachment.ts';

describe('a file to save', () => {
  it('keeps a plain name, and makes anything else in a name harmless in the header', async () => {
    const app = Fastify();
    app.get('/:name', (request, reply) =>
      asAttachment(reply, (request.params as { name: string }).name).send('x'),
    );
    const header = async (name: string) =>
      (await app.inject({ url: `/${encodeURIComponent(name)}` })).headers['content-disposition'];
    expect(await header('share-log-Crane-Ada.csv')).toBe('attachment; filename="share-log-Crane-Ada.csv"');
    expect(await header("subject-access-O'Brien-Mary Jo.json")).toBe(
      'attachment; filename="subject-access-O_Brien-Mary_Jo.json"',
    );
    expect(await header('a"\r\nSet-Cookie: x=1/../b.csv')).toBe(
      'attachment; filename="a_Set-Cookie_x_1_.._b.csv"',
    );
  });
});
