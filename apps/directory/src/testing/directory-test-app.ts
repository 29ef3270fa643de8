import { randomBytes } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { directoryEnv, loadConfig, type DirectoryConfig } from '#config';
import { startServices, type ServiceTestBed } from '#testing';
import { AppModule } from '../app.module.js';
import { SCHEMA, migrations } from '../migrations/index.js';

export interface DirectoryTestApp extends ServiceTestBed {
  /** The directory's own configuration (its JWT secret signs the tokens tests verify). */
  config: DirectoryConfig;
  app: INestMicroservice;
}

/**
 * The directory service in-process on the shared test bed (fresh database with the real
 * migrations, private NATS with JetStream), reached through a real NATS client.
 */
export async function startDirectoryTestApp(): Promise<DirectoryTestApp> {
  const env = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    JWT_TTL_SECONDS: '3600',
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: 'mat-khau-quan-tri',
  };
  let config: DirectoryConfig | null = null;
  const bed = await startServices(
    [{ name: 'directory', schema: SCHEMA, migrations, module: (full) => AppModule.forRoot((config = loadConfig(directoryEnv, full))) }],
    env,
  );
  return { ...bed, config: config!, app: bed.apps[0] };
}
