import pg from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';

// Calendar dates (issue dates, due dates) stay 'YYYY-MM-DD' strings: pg's default turns them into
// a Date at the server's local midnight, which shifts the day when TZ is not Asia/Ho_Chi_Minh.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema; it never reads another service's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  poolSize?: number;
}

/**
 * One datasource per service schema. `search_path` is set on every pooled connection so raw SQL
 * (set-based inserts, ltree queries) names tables without a schema; `public` stays on the path for
 * the ltree extension. Schema changes happen only through migrations (`synchronize: false`).
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema},public`,
    },
  });
}
