import 'reflect-metadata';
import { assignmentsEnv, loadConfig } from '#config';
import { bootstrapService } from '#service-kit';
import { AppModule } from './app.module.js';

const config = loadConfig(assignmentsEnv);
await bootstrapService('assignments', AppModule.forRoot(config), config);
