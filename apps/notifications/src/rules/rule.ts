import type { EventEnvelope, NotificationKind } from '#contracts';
import { formatLocalDate } from '#timeline';
import type { LocalFacts } from '../notices/local-facts.js';
import type { Notice } from '../notices/notice.js';

/**
 * Subject → template key (kind) → who is told. One entry per event type: adding an event is adding
 * an entry. `notices` reads only the event and this service's own copies (LocalFacts).
 */
export interface NotificationRule {
  subject: string;
  kind: NotificationKind;
  /** Durable consumer name `notifications-<kind>`: PERMANENT once released. */
  durable: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  notices(event: EventEnvelope<string, any>, facts: LocalFacts): Promise<Notice[]>;
}

/** The durable consumer name of a kind's rule (`report.due-soon` → `notifications-report-due-soon`). */
export const durableFor = (kind: NotificationKind): string => `notifications-${kind.replace('.', '-')}`;

/** dd/mm/yyyy in Viet Nam, or null (ongoing work, or an instant we cannot read). */
export function localDate(instant: string | null | undefined): string | null {
  if (!instant) return null;
  try {
    return formatLocalDate(instant);
  } catch {
    return null;
  }
}
