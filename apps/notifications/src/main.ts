import 'reflect-metadata';
import { loadConfig, notificationsEnv } from '#config';
import { bootstrapService } from '#service-kit';
import { AppModule } from './app.module.js';

await bootstrapService('notifications', AppModule, loadConfig(notificationsEnv));
