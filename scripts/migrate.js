// `npm run migrate`: creates the database if needed and runs every service's own migrations, in
// order, each against its own schema. Never `synchronize`.
import { join } from 'node:path';
import { ROOT, SERVICES, ensureDatabase, loadDotEnv, run } from './lib.js';

loadDotEnv();
await ensureDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/trienkhai');
for (const service of SERVICES) {
  await run(process.execPath, [join(ROOT, 'dist', 'apps', service, 'src', 'migrate.js')]);
}
