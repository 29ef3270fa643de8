import type { NotificationData, NotificationKind, Role } from '#contracts';

/**
 * One thing to tell one unit: who in it (`roles`), what (`kind`, the template key) and the facts
 * the templates and webhooks get. A rule turns an event into notices; the writer turns notices
 * into inbox items and deliveries for the people and webhooks of each unit.
 */
export interface Notice {
  kind: NotificationKind;
  /** The unit whose people are told and whose webhooks are called. */
  unitId: string;
  roles: readonly Role[];
  data: NotificationData;
}

/** Who in a unit hears about its work: the committee office and the secretary. */
export const OFFICE_ROLES: readonly Role[] = ['office', 'secretary'];
