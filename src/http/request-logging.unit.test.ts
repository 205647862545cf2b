import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { QuietRequestLogs, slowRequestMs } from './request-logging.ts';

type Line = { level: number; msg: string; res?: { statusCode: number } };
const levels = { debug: 20, info: 30, warn: 40, error: 50 };

async function logsOf(level: string, calls: (app: ReturnType<typeof Fastify>) => Promise<unknown>) {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text));
      done();
    },
  });
  const app = Fastify({ logger: { level, stream }, logController: new QuietRequestLogs() });
  app.get('/fast', async () => ({ ok: true }));
  app.get('/broken', async () => {
    throw new Error('the database went away');
  });
  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, slowRequestMs + 50));
    return { ok: true };
  });
  await calls(app);
  await app.close();
  return lines;
}

describe('request logging', () => {
  it('logs ordinary requests at debug only, so the default level stays quiet', async () => {
    const atInfo = await logsOf('info', async (app) => {
      for (let i = 0; i < 5; i += 1) await app.inject({ method: 'GET', url: '/fast' });
      await app.inject({ method: 'GET', url: '/nowhere' });
    });
    expect(atInfo).toEqual([]);
    const atDebug = await logsOf('debug', (app) => app.inject({ method: 'GET', url: '/fast' }));
    expect(atDebug.map((line) => [line.level, line.msg])).toEqual([
      [levels.debug, 'incoming request'],
      [levels.debug, 'request completed'],
    ]);
  });

  it('logs a failed request (5xx) at error and a slow one at warn', { timeout: 10_000 }, async () => {
    const lines = await logsOf('info', async (app) => {
      await app.inject({ method: 'GET', url: '/broken' });
      await app.inject({ method: 'GET', url: '/slow' });
    });
    const completions = lines.filter((line) => line.msg.endsWith('request completed'));
    expect(completions.map((line) => [line.level, line.res?.statusCode])).toEqual([
      [levels.error, 500],
      [levels.warn, 200],
    ]);
    expect(completions[1]?.msg).toBe('slow request completed');
  });
});
