import type { AssignmentStatusChangedEvent, AssignmentsCreatedEvent } from './assignments.js';
import type {
  AssignmentDeadlineChangedEvent,
  AssignmentDueSoonEvent,
  AssignmentEscalatedEvent,
  AssignmentOverdueEvent,
  ExtensionDecidedEvent,
  ExtensionRequestedEvent,
} from './deadlines.js';
import type { UnitsUpsertedEvent } from './directory.js';
import type { PlanIssuedEvent } from './plans.js';

/**
 * Event subjects: `<service>.<aggregate>.<past-tense>`. PERMANENT once released: durable consumers
 * filter on them and stored streams hold them. Add new ones; never rename.
 */
export const EventSubjects = {
  unitsUpserted: 'directory.units.upserted',
  planIssued: 'plans.plan.issued',
  assignmentsCreated: 'assignments.assignments.created',
  assignmentStatusChanged: 'assignments.assignment.status-changed',
  assignmentDueSoon: 'assignments.assignment.due-soon',
  assignmentOverdue: 'assignments.assignment.overdue',
  assignmentEscalated: 'assignments.assignment.escalated',
  assignmentDeadlineChanged: 'assignments.assignment.deadline-changed',
  extensionRequested: 'assignments.extension.requested',
  extensionDecided: 'assignments.extension.decided',
} as const;

/** Maps each subject to its payload so producer and consumer cannot disagree. */
export interface EventMap {
  'directory.units.upserted': UnitsUpsertedEvent;
  'plans.plan.issued': PlanIssuedEvent;
  'assignments.assignments.created': AssignmentsCreatedEvent;
  'assignments.assignment.status-changed': AssignmentStatusChangedEvent;
  'assignments.assignment.due-soon': AssignmentDueSoonEvent;
  'assignments.assignment.overdue': AssignmentOverdueEvent;
  'assignments.assignment.escalated': AssignmentEscalatedEvent;
  'assignments.assignment.deadline-changed': AssignmentDeadlineChangedEvent;
  'assignments.extension.requested': ExtensionRequestedEvent;
  'assignments.extension.decided': ExtensionDecidedEvent;
}

export type EventSubject = keyof EventMap;

/** The JetStream stream captures every service's events (never the `rpc.` request subjects). */
export const EVENT_STREAM_SUBJECTS = ['directory.>', 'plans.>', 'assignments.>', 'reporting.>', 'notifications.>'];

/**
 * Request-reply patterns on core NATS (gateway → service, service → service). Kept under `rpc.` so
 * the event stream never captures them. PERMANENT once released.
 */
export const RpcPatterns = {
  directory: {
    health: 'rpc.directory.health',
    importUnits: 'rpc.directory.units.import',
    searchUnits: 'rpc.directory.units.search',
    getUnit: 'rpc.directory.units.get',
    resolveUnits: 'rpc.directory.units.resolve',
    createUser: 'rpc.directory.users.create',
    login: 'rpc.directory.auth.login',
    me: 'rpc.directory.users.me',
  },
  plans: {
    health: 'rpc.plans.health',
    create: 'rpc.plans.create',
    update: 'rpc.plans.update',
    get: 'rpc.plans.get',
    list: 'rpc.plans.list',
    issue: 'rpc.plans.issue',
    importDocument: 'rpc.plans.import',
  },
  assignments: {
    health: 'rpc.assignments.health',
    inbox: 'rpc.assignments.inbox',
    list: 'rpc.assignments.list',
    get: 'rpc.assignments.get',
    transition: 'rpc.assignments.transition',
  },
  reporting: { health: 'rpc.reporting.health' },
  notifications: { health: 'rpc.notifications.health' },
} as const;

export const SERVICES = ['directory', 'plans', 'assignments', 'reporting', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface HealthReport {
  service: ServiceName;
  postgres: boolean;
  redis: boolean;
  nats: boolean;
}
