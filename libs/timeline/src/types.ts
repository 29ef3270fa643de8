import type { Deadline } from '#contracts';
import type { WorkingDayCalendar } from './working-days.js';

/**
 * The parser's result is the contracts' Deadline (ongoing, fixed, or recurring yearly/quarterly):
 * defined once there because it travels in events and RPC replies.
 */
export type ParsedDeadline = Deadline;

export interface TimelineContext {
  /** Local 'YYYY-MM-DD', normally the plan's issue date: gives texts without a year their year. */
  referenceDate: string;
  /**
   * Counts "N ngày làm việc". Without one, public holidays alone are skipped (no admin overrides);
   * services pass the calendar with the overrides the assignments service keeps.
   */
  calendar?: WorkingDayCalendar;
}
