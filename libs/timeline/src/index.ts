export type { ParsedDeadline, TimelineContext } from './types.js';
export { TimelineError } from './timeline-error.js';
export { parseTimeline } from './parse-timeline.js';
export { LOCAL_ZONE, endOfLocalDay, formatLocalDate } from './local-time.js';
export { WorkingDayCalendar, publicHolidays, type CalendarOverride, type PublicHoliday } from './working-days.js';
export { nextOccurrence, occurrenceKey, type Occurrence } from './occurrences.js';
