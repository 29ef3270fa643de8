import { OutboxInbox1732000000000 } from '#persistence';
import { Reporting1735000000000 } from './1735000000000-reporting.js';
import { ReportDeadlines1736000000000 } from './1736000000000-report-deadlines.js';

/** The reporting service's schema. It never reads another service's. */
export const SCHEMA = 'reporting';
/** In order. Add new migrations at the end; never edit a released one. */
export const migrations = [OutboxInbox1732000000000, Reporting1735000000000, ReportDeadlines1736000000000];
