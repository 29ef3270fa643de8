import 'reflect-metadata';
import { loadConfig, notificationsEnv } from '#config';
import { bootstrapService } from '#service-kit';
import { AppModule } from './app.module.js';

const config = loadConfig(notificationsEnv);
await bootstrapService('notifications', AppModule.forRoot(config), config);
