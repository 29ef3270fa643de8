import 'reflect-metadata';
import { directoryEnv, loadConfig } from '#config';
import { bootstrapService } from '#service-kit';
import { AppModule } from './app.module.js';

const config = loadConfig(directoryEnv);
await bootstrapService('directory', AppModule.forRoot(config), config);
