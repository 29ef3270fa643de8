/** The four roles a user can hold in their unit. `inspector` reads the whole subtree, changes nothing. */
export const ROLES = ['admin', 'secretary', 'office', 'member', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/** Roles allowed to change things on behalf of their unit (issue plans, update assignments). */
export const WRITER_ROLES: readonly Role[] = ['admin', 'secretary', 'office'];

/**
 * Who is acting. The gateway builds it from the verified JWT and sends it with every RPC; services
 * filter every query to `unitPath`'s subtree in SQL (ltree `<@`).
 */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  unitId: string;
  unitCode: string;
  /** Materialised path of the actor's unit: ltree of unit ids, e.g. `1.35.2004`. */
  unitPath: string;
  /** The HTTP request this action belongs to; becomes the correlationId of the events it causes. */
  correlationId?: string;
}
