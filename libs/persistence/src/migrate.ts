import type { DataSource } from 'typeorm';
import { createServiceDataSource } from './data-source.js';

/**
 * Runs a service's migrations. Creates its schema and the shared ltree extension first, under an
 * advisory lock so two replicas (or the compose migrate job and a developer) never race.
 */
export async function migrateSchema(dataSource: DataSource, schema: string): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const lockKey = `trienkhai:migrate:${schema}`;
  await dataSource.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await dataSource.query('CREATE EXTENSION IF NOT EXISTS ltree WITH SCHEMA public');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
  }
}

/** Entry point body of each service's `migrate.ts`: migrate, print what ran, close. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function runMigrationsCli(url: string, schema: string, migrations: Function[]): Promise<void> {
  const dataSource = createServiceDataSource({ url, schema, migrations, poolSize: 1 });
  try {
    const applied = await migrateSchema(dataSource, schema);
    console.log(`[migrate] ${schema}: ${applied.length ? applied.join(', ') : 'up to date'}`);
  } finally {
    await dataSource.destroy();
  }
}
