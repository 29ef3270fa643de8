/**
 * Resends failed notification deliveries (ops tool; needs only Postgres):
 *
 *   npm run notifications:resend -- --all [--since 2026-05-01T00:00:00Z] [--unit CODE]
 *   npm run notifications:resend -- DELIVERY_ID [DELIVERY_ID …]
 *
 * It puts the failed deliveries back to `queued` in the notifications schema, exactly as
 * `POST /api/notifications/deliveries/resend` does; the running notifications service hands them
 * to the queue within a second. `--unit` limits it to deliveries of that unit and the units below
 * it. DATABASE_URL selects the database (default: the local one). Prints what it resent.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig, notificationsEnv } from '#config';
import { createServiceDataSource } from '#persistence';
import { resendFailed } from '../delivery/delivery-store.js';
import { SCHEMA } from '../migrations/index.js';
import { isUuid } from '#service-kit';

const USAGE = 'Usage: notifications:resend -- --all [--since ISO-INSTANT] [--unit CODE] | DELIVERY_ID …';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      all: { type: 'boolean', default: false },
      since: { type: 'string' },
      unit: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || (!values.all && positionals.length === 0) || (values.all && positionals.length > 0)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const badIds = positionals.filter((id) => !isUuid(id));
  if (badIds.length) {
    console.error(`not delivery ids: ${badIds.join(', ')}`);
    return 2;
  }
  if (values.since && Number.isNaN(Date.parse(values.since))) {
    console.error(`--since ${values.since}: not an ISO 8601 instant`);
    return 2;
  }
  const config = loadConfig(notificationsEnv);
  const dataSource = await createServiceDataSource({ url: config.DATABASE_URL, schema: SCHEMA, poolSize: 1 }).initialize();
  try {
    let unitPath: string | null = null;
    if (values.unit) {
      const [unit]: { path: string }[] = await dataSource.query('SELECT path::text AS path FROM units WHERE code = $1', [values.unit]);
      if (!unit) {
        console.error(`unit ${values.unit} is unknown to the notifications service`);
        return 1;
      }
      unitPath = unit.path;
    }
    const ids = await dataSource.transaction((manager) =>
      resendFailed(manager, { ids: positionals.length ? positionals : undefined, unitPath, since: values.since, limit: 1_000_000 }),
    );
    console.log(`resent ${ids.length} failed deliveries${ids.length ? `:\n${ids.join('\n')}` : ''}`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

process.exitCode = await main();
