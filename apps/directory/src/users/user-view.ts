import type { Role, UserRecord, UserView } from '#contracts';

/** The columns of a user joined with its unit (`users us JOIN units u`), flat, for toUserView. */
export const USER_COLUMNS = `us.id::text AS id, us.username, us.full_name AS "fullName", us.role, us.email, us.active,
  u.id::text AS "unitId", u.code AS "unitCode", u.name AS "unitName", u.path::text AS "unitPath"`;

/**
 * A user as `directory.users.upserted` carries it (`users us`). `updatedAt` keeps microseconds so
 * two changes within one millisecond still order.
 */
export const USER_RECORD_COLUMNS = `us.id::text AS id, us.username, us.full_name AS "fullName", us.email,
  us.unit_id::text AS "unitId", us.role, us.active,
  to_char(us.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"`;

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  email: string | null;
  active: boolean;
  unitId: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
}

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    unit: { id: row.unitId, code: row.unitCode, name: row.unitName, path: row.unitPath },
    email: row.email,
    active: row.active,
  };
}

export type { UserRecord };
