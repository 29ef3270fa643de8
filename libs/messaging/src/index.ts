export * from './event-consumer.js';
export * from './event-stream.js';
export * from './outbox-relay.js';
export * from './retry-later.js';
export * from './messaging.module.js';
