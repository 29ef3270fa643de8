/**
 * Durations as people write them in settings: `7d`, `36h`, `30m`, `5s`, `250ms`. Deadline policies
 * (reminders, escalation grace periods, the sweep interval) are written this way so that the same
 * setting reads "7d" in production and "5s" in a test.
 */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const DURATION_PATTERN = /^(\d{1,9})(ms|s|m|h|d)$/;

/** Milliseconds of one duration, or null when it is not of the form `<integer><ms|s|m|h|d>`. */
export function parseDuration(text: string): number | null {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** The largest unit that divides the value exactly: 604800000 → `7d`, 90000 → `90s`. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** `7d,1d` → [604800000, 86400000]; an empty string is an empty list. Null when any item is bad. */
export function parseDurationList(text: string): number[] | null {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  const values = items.map(parseDuration);
  return values.some((value) => value === null) ? null : (values as number[]);
}
