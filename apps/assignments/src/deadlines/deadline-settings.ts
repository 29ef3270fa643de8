import { deadlineTimerSettings, type DeadlineTimerSettings } from '#deadlines';

export const DEADLINE_SETTINGS = Symbol('DEADLINE_SETTINGS');

/** The deadline features' settings, from the validated environment (libs/config assignmentsEnv). */
export type DeadlineSettings = DeadlineTimerSettings;

export const deadlineSettings = deadlineTimerSettings;
