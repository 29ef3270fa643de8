import { OutboxInbox1733000000000 } from './1733000000000-outbox-inbox.js';
import { UnitsUsers1733000000100 } from './1733000000100-units-users.js';
import { UserContact1733000000200 } from './1733000000200-user-contact.js';

/** The directory service's schema. It never reads another service's. */
export const SCHEMA = 'directory';
/** In order. Add new migrations at the end; never edit a released one. */
export const migrations = [OutboxInbox1733000000000, UnitsUsers1733000000100, UserContact1733000000200];
