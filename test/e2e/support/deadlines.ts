/**
 * A deadline policy in seconds, so a whole escalation runs within an e2e test: a reminder 4 s
 * before, escalations 3, 6 and 9 s after, and a sweep every second.
 */
export const FAST_DEADLINES = {
  DEADLINE_REMINDERS: '4s',
  DEADLINE_ESCALATIONS: '3s,6s,9s',
  DEADLINE_SWEEP_INTERVAL: '1s',
  DEADLINE_SWEEP_HORIZON: '1m',
};
