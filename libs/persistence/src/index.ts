export * from './data-source.js';
export * from './inbox.js';
export * from './migrate.js';
export * from './outbox-inbox.sql.js';
export * from './outbox.js';
export * from './directory-copy.js';
export * from './prepared-query.js';
