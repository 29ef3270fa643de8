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
}

export interface UserView {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  unit: { id: string; code: string; name: string; path: string };
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
