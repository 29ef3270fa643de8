import type { Role, UserView } from '#contracts';

/** The columns of a user joined with its unit (`users us JOIN units u`), flat, for toUserView. */
export const USER_COLUMNS = `us.id::text AS id, us.username, us.full_name AS "fullName", us.role,
  u.id::text AS "unitId", u.code AS "unitCode", u.name AS "unitName", u.path::text AS "unitPath"`;

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
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
  };
}
