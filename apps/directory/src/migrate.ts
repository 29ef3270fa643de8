import 'reflect-metadata';
import { loadConfig, serviceEnv } from '#config';
import { runMigrationsCli } from '#persistence';
import { SCHEMA, migrations } from './migrations/index.js';

await runMigrationsCli(loadConfig(serviceEnv).DATABASE_URL, SCHEMA, migrations);
