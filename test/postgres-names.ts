import { createHash } from 'node:crypto';

// One template per checkout, so two checkouts testing against the same server do not collide.
export const TEMPLATE_DATABASE = `liaison_test_template_${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)}`;

export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
