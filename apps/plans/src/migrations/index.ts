import { Plans1732000000000 } from './1732000000000-plans.js';
import { PlanReporting1734000000000 } from './1734000000000-plan-reporting.js';

/** The plans service's schema. It never reads another service's. */
export const SCHEMA = 'plans';
/** In order. Add new migrations at the end; never edit a released one. */
export const migrations = [Plans1732000000000, PlanReporting1734000000000];
