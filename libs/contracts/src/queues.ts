/**
 * BullMQ queue names, `<service>-<purpose>`, in one place: the service that works a queue and the
 * gateway's dashboard (/admin/queues) read them from here.
 *
 * NEVER RENAME a released queue: its delayed jobs (deadline timers) live in Redis under this name
 * and QUEUE_PREFIX; a renamed queue starts empty and the old jobs never fire (only the deadline
 * sweep would catch them, late). Add new names; retire old ones only after they are drained.
 */
export const QueueNames = {
  /** Deadline timers: one delayed job per distinct instant a step falls due, not per assignment. */
  assignmentDeadlines: 'assignments-deadlines',
  /** Expected reports' deadline timers, the same way: one delayed job per distinct instant. */
  reportDeadlines: 'reporting-deadlines',
} as const;

export type QueueName = (typeof QueueNames)[keyof typeof QueueNames];
