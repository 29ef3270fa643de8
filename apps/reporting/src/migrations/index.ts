import { OutboxInbox1732000000000 } from '#persistence';
import { Reporting1735000000000 } from './1735000000000-reporting.js';

/** The reporting service's schema. It never reads another service's. */
export const SCHEMA = 'reporting';
/** In order. Add new migrations at the end; never edit a released one. */
export const migrations = [OutboxInbox1732000000000, Reporting1735000000000];
