import type { DirectoryConfig } from '#config';

/** The directory's validated settings (JWT secret and TTL, the seeded admin), injected by token. */
export const DIRECTORY_CONFIG = Symbol('DIRECTORY_CONFIG');
export type { DirectoryConfig };

/** The top-level unit a fresh install starts with; imports hang the provinces below it. */
export const DEFAULT_ROOT = { code: 'TW', name: 'Trung ương', kind: 'central' } as const;
