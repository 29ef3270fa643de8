import type { AssignmentsConfig } from '#config';
import type { DeadlinePolicy } from './deadline.policy.js';

export const DEADLINE_SETTINGS = Symbol('DEADLINE_SETTINGS');

/** The deadline features' settings, from the validated environment (libs/config assignmentsEnv). */
export interface DeadlineSettings {
  defaultPolicy: DeadlinePolicy;
  sweepIntervalMs: number;
  sweepHorizonMs: number;
  redisUrl: string;
  queuePrefix: string;
}

export function deadlineSettings(config: AssignmentsConfig): DeadlineSettings {
  return {
    defaultPolicy: { remindersMs: config.DEADLINE_REMINDERS, escalationsMs: config.DEADLINE_ESCALATIONS },
    sweepIntervalMs: config.DEADLINE_SWEEP_INTERVAL,
    sweepHorizonMs: config.DEADLINE_SWEEP_HORIZON,
    redisUrl: config.REDIS_URL,
    queuePrefix: config.QUEUE_PREFIX,
  };
}
