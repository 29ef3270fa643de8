export * from './actor-rules.js';
export * from './bootstrap-service.js';
export * from './domain-error.js';
export * from './health.service.js';
export * from './infrastructure.module.js';
export * from './rpc-error.filter.js';
export * from './tokens.js';
