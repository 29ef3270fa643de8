import type { GatewayConfig } from '#config';

/** The validated gateway settings (`loadConfig(gatewayEnv)`), injectable anywhere in the app. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
export type { GatewayConfig };
