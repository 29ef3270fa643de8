import 'reflect-metadata';
import { loadConfig, notificationsEnv } from '#config';
import { runMigrationsCli } from '#persistence';
import { SCHEMA, migrations } from './migrations/index.js';

await runMigrationsCli(loadConfig(notificationsEnv).DATABASE_URL, SCHEMA, migrations);
