export type { ParsedDeadline, TimelineContext } from './types.js';
export { TimelineError } from './timeline-error.js';
export { parseTimeline } from './parse-timeline.js';
export { LOCAL_ZONE, endOfLocalDay, formatLocalDate } from './local-time.js';
