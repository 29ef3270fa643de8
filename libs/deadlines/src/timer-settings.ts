import type { DeadlinePolicy } from './deadline.policy.js';

/**
 * What a service watching deadlines reads from its validated environment (libs/config
 * `deadlineEnv`): the default policy and the timers. The same settings drive assignments' deadlines
 * and reports' deadlines, so both remind and escalate alike.
 */
/** The Nest token under which a service provides its DeadlineTimerSettings. */
export const DEADLINE_SETTINGS = Symbol('DEADLINE_SETTINGS');

export interface DeadlineTimerSettings {
  defaultPolicy: DeadlinePolicy;
  sweepIntervalMs: number;
  sweepHorizonMs: number;
  redisUrl: string;
  queuePrefix: string;
}

export interface DeadlineEnv {
  DEADLINE_REMINDERS: number[];
  DEADLINE_ESCALATIONS: number[];
  DEADLINE_SWEEP_INTERVAL: number;
  DEADLINE_SWEEP_HORIZON: number;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
}

export function deadlineTimerSettings(config: DeadlineEnv): DeadlineTimerSettings {
  return {
    defaultPolicy: { remindersMs: config.DEADLINE_REMINDERS, escalationsMs: config.DEADLINE_ESCALATIONS },
    sweepIntervalMs: config.DEADLINE_SWEEP_INTERVAL,
    sweepHorizonMs: config.DEADLINE_SWEEP_HORIZON,
    redisUrl: config.REDIS_URL,
    queuePrefix: config.QUEUE_PREFIX,
  };
}
