import type { NotificationsConfig } from '#config';

/** The service's validated settings (`loadConfig(notificationsEnv)`), injected by token. */
export const NOTIFICATIONS_CONFIG = Symbol('NOTIFICATIONS_CONFIG');
export type { NotificationsConfig };
