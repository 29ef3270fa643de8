import { OutboxInbox1732000000000 } from '#persistence';
import { Notifications1734000000000 } from './1734000000000-notifications.js';

/** The notifications service's schema. It never reads another service's. */
export const SCHEMA = 'notifications';
/** In order. Add new migrations at the end; never edit a released one. */
export const migrations = [OutboxInbox1732000000000, Notifications1734000000000];
