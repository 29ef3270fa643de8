import type { ReportingConfig } from '#config';
import { deadlineTimerSettings, type DeadlineTimerSettings } from '#deadlines';

export const REPORT_DEADLINE_SETTINGS = Symbol('REPORT_DEADLINE_SETTINGS');

/** Reports' deadlines follow the same default policy and timers as assignments' (DEADLINE_* env). */
export function reportDeadlineSettings(config: ReportingConfig): DeadlineTimerSettings {
  return deadlineTimerSettings(config);
}
