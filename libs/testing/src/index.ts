export * from './expect-eventually.js';
export * from './free-port.js';
export * from './nats-server.js';
export * from './service-process.js';
export * from './test-database.js';
export * from './api-client.js';
export * from './service-test-app.js';
export * from './system.js';
