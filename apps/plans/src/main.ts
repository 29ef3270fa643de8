import 'reflect-metadata';
import { loadConfig, serviceEnv } from '#config';
import { bootstrapService } from '#service-kit';
import { AppModule } from './app.module.js';

const config = loadConfig(serviceEnv);
await bootstrapService('plans', AppModule.forRoot(config), config);
