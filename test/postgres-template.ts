import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../src/db/migrate.ts';
import { TEMPLATE_DATABASE, withDatabaseName } from './postgres-names.ts';

/**
 * Runs once per test run: builds a migrated template database that each test file clones
 * (CREATE DATABASE … TEMPLATE), so a file gets a fresh database in milliseconds.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set for the PostgreSQL suite');
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`The PostgreSQL suite needs a server at ${url} and cannot reach it`, { cause: error });
  }
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: withDatabaseName(url, TEMPLATE_DATABASE), max: 1 }),
    }),
  });
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the template is migrated before it has a schema.
    await migrateToLatest(db as Kysely<any>);
  } finally {
    await db.destroy();
  }
}
