import type { Actor, Role } from './actor.js';
import type { Page, PageQuery } from './page.js';

/** A unit as every service knows it. `id` is a bigint as string; `path` is an ltree of ids. */
export interface UnitRecord {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  path: string;
}

export interface UnitImportRow {
  code: string;
  name: string;
  parentCode: string | null;
  kind: string;
}

export interface ImportUnitsRequest {
  actor: Actor;
  rows: UnitImportRow[];
}

export interface ImportUnitsResult {
  created: number;
  updated: number;
  unchanged: number;
  total: number;
  /** Directory version after the import: consumers that need these units wait for it. */
  directoryVersion: number;
}

export interface SearchUnitsRequest extends PageQuery {
  actor: Actor;
  q?: string;
  kind?: string;
  parentCode?: string;
}

export type UnitPage = Page<UnitRecord & { depth: number }>;

export interface GetUnitRequest {
  actor: Actor;
  code: string;
}

/** Resolve unit codes for another service (plans) and learn the directory version they need. */
export interface ResolveUnitsRequest {
  codes: string[];
}

export interface ResolveUnitsResult {
  units: UnitRecord[];
  missing: string[];
  directoryVersion: number;
}

export interface CreateUserRequest {
  actor: Actor;
  username: string;
  password: string;
  fullName: string;
  unitCode: string;
  role: Role;
  /** Where notifications are e-mailed; optional (no address, no e-mail). */
  email?: string | null;
}

/**
 * Change a user. Fields left out stay as they are; `email: null` removes the address. A user may
 * change their own name and e-mail; role, active and others' accounts need a writer role over the
 * user's unit (and only an admin grants or changes admin).
 */
export interface UpdateUserRequest {
  actor: Actor;
  userId: string;
  fullName?: string;
  email?: string | null;
  role?: Role;
  active?: boolean;
}

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  unit: { id: string; code: string; name: string; path: string };
  email: string | null;
  active: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: UserView;
}

/** Event data: a committed batch of unit changes. One import may span several chunks. */
export interface UnitsUpsertedEvent {
  directoryVersion: number;
  chunk: number;
  chunkCount: number;
  units: UnitRecord[];
}

/** A user as other services copy it (notifications resolves recipients by role in a unit). */
export interface UserRecord {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  unitId: string;
  role: Role;
  active: boolean;
  /** When the directory last changed the user: a copy keeps the newest state it has seen. */
  updatedAt: string;
}

/** Event data: users created or changed in one transaction (a backfill may span several events). */
export interface UsersUpsertedEvent {
  users: UserRecord[];
}
