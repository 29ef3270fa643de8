/**
 * The deadline machinery every service that watches deadlines shares (assignments, reports): the
 * pure policy (what fires when), the BullMQ timers (one delayed job per distinct instant), the
 * worker, the sweep under them, the firing loop, and who is told at each step. Each service keeps
 * its own tables and firing SQL.
 */
export * from './deadline.policy.js';
export * from './clock.js';
export * from './timer-settings.js';
export * from './timer-queue.js';
export * from './timer-worker.js';
export * from './due-step-firing.js';
export * from './deadline-sweeper.js';
export * from './step-notice.js';
export * from './notice-events.sql.js';
