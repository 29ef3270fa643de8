import type { EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs `text` as a named prepared statement on the manager's connection (its transaction's, or
 * one from the pool). Postgres then plans it once per connection instead of at every call: on the
 * hot paths (a submission, an outbox append) planning a few joins cost 3–4× executing them.
 * TypeORM's `query()` cannot name a statement, so this goes to the pg client underneath, with the
 * same parameters and the same row parsing. `name` must always go with the same `text`.
 */
export async function preparedQuery<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await (runner as unknown as { connect(): Promise<PgClient> }).connect()) as PgClient;
    return (await client.query({ name, text, values })).rows as T[];
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
