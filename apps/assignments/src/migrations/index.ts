import { Assignments1732000000000 } from './1732000000000-assignments.js';
import { DropUnitForeignKeys1732000000100 } from './1732000000100-drop-unit-foreign-keys.js';
import { Deadlines1734000000000 } from './1734000000000-deadlines.js';

/** The assignments service's schema. It never reads another service's. */
export const SCHEMA = 'assignments';
/** In order. Add new migrations at the end; never edit a released one. */
export const migrations = [Assignments1732000000000, DropUnitForeignKeys1732000000100, Deadlines1734000000000];
