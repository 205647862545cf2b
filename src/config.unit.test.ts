import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

// A production server refuses to start with a setting that turns off a protection (TRUST C2);
// development and test keep every choice open.

const safeProduction = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://liaison.care.example',
  DATABASE_URL: 'postgres://liaison@db.care.example:5432/liaison?sslmode=verify-full',
  SMTP_HOST: 'smtp.care.example',
};

function problemsWith(settings: Record<string, string>): string {
  try {
    loadConfig({ ...safeProduction, ...settings });
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('production settings', () => {
  it('starts with safe settings, at info unless told warn or error', () => {
    expect(loadConfig(safeProduction)).toMatchObject({ environment: 'production', logLevel: 'info' });
    expect(problemsWith({ LOG_LEVEL: 'warn', SMTP_HOST: 'localhost', SMTP_REQUIRE_TLS: 'false' })).toBe('');
  });

  it('refuses each setting that turns a protection off, naming it and what to do', () => {
    expect(problemsWith({ LOG_LEVEL: 'debug' })).toMatch(/LOG_LEVEL: debug .* use info/);
    expect(problemsWith({ LOG_LEVEL: 'trace' })).toMatch(/LOG_LEVEL: trace/);
    expect(problemsWith({ COOKIE_SECURE: 'false' })).toMatch(/COOKIE_SECURE: must be on/);
    expect(problemsWith({ PUBLIC_URL: 'http://liaison.care.example' })).toMatch(/PUBLIC_URL: set the https/);
    expect(problemsWith({ NODE_TLS_REJECT_UNAUTHORIZED: '0' })).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED: 0/);
    expect(
      problemsWith({ DATABASE_URL: 'postgres://liaison@db.care.example/liaison?sslmode=no-verify' }),
    ).toMatch(/DATABASE_URL: sslmode=no-verify/);
    expect(
      problemsWith({
        MIGRATION_DATABASE_URL: 'postgres://owner@db.care.example/liaison?x=1&sslmode=no-verify',
      }),
    ).toMatch(/MIGRATION_DATABASE_URL: sslmode=no-verify/);
    expect(problemsWith({ SMTP_REQUIRE_TLS: 'false' })).toMatch(/SMTP_REQUIRE_TLS: .* smtp\.care\.example/);
  });

  it('names every problem at once, so one restart is enough', () => {
    const message = problemsWith({ LOG_LEVEL: 'debug', COOKIE_SECURE: 'false', PUBLIC_URL: '' });
    expect(message.split('\n')).toEqual([
      'Settings not safe for production (NODE_ENV=production):',
      expect.stringMatching(/^ {2}LOG_LEVEL/),
      expect.stringMatching(/^ {2}COOKIE_SECURE/),
      expect.stringMatching(/^ {2}PUBLIC_URL/),
    ]);
  });

  it('leaves development and test servers free to debug over plain HTTP', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(
        loadConfig({
          NODE_ENV,
          LOG_LEVEL: 'trace',
          COOKIE_SECURE: 'false',
          NODE_TLS_REJECT_UNAUTHORIZED: '0',
        }),
      ).toMatchObject({ environment: NODE_ENV, logLevel: 'trace', cookieSecure: false });
    }
  });
});

describe('the reverse proxies trusted to name the client (TRUST_PROXY)', () => {
  it('trusts none unless told, and reads addresses, ranges and names', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,fd00::/8 ,loopback' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses anything else, naming it', () => {
    for (const wrong of ['proxy.care.example', '10.0.0.1/33', '10.0.0.0/8/1', '*', '300.1.1.1']) {
      expect(() => loadConfig({ TRUST_PROXY: wrong })).toThrow(/TRUST_PROXY/);
      expect(() => loadConfig({ TRUST_PROXY: wrong })).toThrow(`"${wrong}" is not an IP address`);
    }
  });
});
