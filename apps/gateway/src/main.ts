import 'reflect-metadata';
import { gatewayEnv, loadConfig } from '#config';
import { createGatewayApp, logListening } from './app.js';

const config = loadConfig(gatewayEnv);
const app = await createGatewayApp(config);
await app.listen(config.HTTP_PORT, '0.0.0.0');
logListening(config.HTTP_PORT);
