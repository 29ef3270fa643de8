import 'reflect-metadata';
import { loadConfig, serviceEnv } from '#config';
import { bootstrapService } from '#service-kit';
import { AppModule } from './app.module.js';

await bootstrapService('assignments', AppModule, loadConfig(serviceEnv));
