import 'reflect-metadata';
import { loadConfig, reportingEnv } from '#config';
import { bootstrapService } from '#service-kit';
import { AppModule } from './app.module.js';

const config = loadConfig(reportingEnv);
await bootstrapService('reporting', AppModule.forRoot(config), config);
