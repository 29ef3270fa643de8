import type { AssignmentStatusChangedEvent, AssignmentsCreatedEvent } from './assignments.js';
import type {
  AssignmentDeadlineChangedEvent,
  AssignmentDueSoonEvent,
  AssignmentEscalatedEvent,
  AssignmentOverdueEvent,
  DeadlinePolicyChangedEvent,
  ExtensionDecidedEvent,
  ExtensionRequestedEvent,
} from './deadlines.js';
import type { UnitsUpsertedEvent, UsersUpsertedEvent } from './directory.js';
import type { PlanIssuedEvent } from './plans.js';
import type { ReportAcceptedEvent, ReportDeadlineNoticeEvent, ReportReturnedEvent, ReportSubmittedEvent } from './reporting.js';

/**
 * Event subjects: `<service>.<aggregate>.<past-tense>`. PERMANENT once released: durable consumers
 * filter on them and stored streams hold them. Add new ones; never rename.
 */
export const EventSubjects = {
  unitsUpserted: 'directory.units.upserted',
  usersUpserted: 'directory.users.upserted',
  planIssued: 'plans.plan.issued',
  assignmentsCreated: 'assignments.assignments.created',
  assignmentStatusChanged: 'assignments.assignment.status-changed',
  reportSubmitted: 'reporting.report.submitted',
  reportAccepted: 'reporting.report.accepted',
  reportReturned: 'reporting.report.returned',
  assignmentDueSoon: 'assignments.assignment.due-soon',
  assignmentOverdue: 'assignments.assignment.overdue',
  assignmentEscalated: 'assignments.assignment.escalated',
  assignmentDeadlineChanged: 'assignments.assignment.deadline-changed',
  extensionRequested: 'assignments.extension.requested',
  extensionDecided: 'assignments.extension.decided',
  deadlinePolicyChanged: 'assignments.deadline-policy.changed',
  reportDueSoon: 'reporting.report.due-soon',
  reportOverdue: 'reporting.report.overdue',
  reportEscalated: 'reporting.report.escalated',
} as const;

/** Maps each subject to its payload so producer and consumer cannot disagree. */
export interface EventMap {
  'directory.units.upserted': UnitsUpsertedEvent;
  'directory.users.upserted': UsersUpsertedEvent;
  'plans.plan.issued': PlanIssuedEvent;
  'assignments.assignments.created': AssignmentsCreatedEvent;
  'assignments.assignment.status-changed': AssignmentStatusChangedEvent;
  'reporting.report.submitted': ReportSubmittedEvent;
  'reporting.report.accepted': ReportAcceptedEvent;
  'reporting.report.returned': ReportReturnedEvent;
  'assignments.assignment.due-soon': AssignmentDueSoonEvent;
  'assignments.assignment.overdue': AssignmentOverdueEvent;
  'assignments.assignment.escalated': AssignmentEscalatedEvent;
  'assignments.assignment.deadline-changed': AssignmentDeadlineChangedEvent;
  'assignments.extension.requested': ExtensionRequestedEvent;
  'assignments.extension.decided': ExtensionDecidedEvent;
  'assignments.deadline-policy.changed': DeadlinePolicyChangedEvent;
  'reporting.report.due-soon': ReportDeadlineNoticeEvent;
  'reporting.report.overdue': ReportDeadlineNoticeEvent;
  'reporting.report.escalated': ReportDeadlineNoticeEvent;
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
    updateUser: 'rpc.directory.users.update',
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
  reporting: {
    health: 'rpc.reporting.health',
    plan: 'rpc.reporting.plan',
    listReports: 'rpc.reporting.reports.list',
    getReport: 'rpc.reporting.reports.get',
    saveDraft: 'rpc.reporting.reports.draft',
    submitReport: 'rpc.reporting.reports.submit',
    reviewReport: 'rpc.reporting.reports.review',
    summary: 'rpc.reporting.summary',
    tree: 'rpc.reporting.tree',
    exportReport: 'rpc.reporting.export',
    suggestRating: 'rpc.reporting.ratings.suggest',
    rateUnit: 'rpc.reporting.ratings.rate',
    listRatings: 'rpc.reporting.ratings.list',
    getRatingRules: 'rpc.reporting.rating-rules.get',
    setRatingRules: 'rpc.reporting.rating-rules.set',
    rebuild: 'rpc.reporting.rollup.rebuild',
  },
  notifications: {
    health: 'rpc.notifications.health',
    list: 'rpc.notifications.inbox.list',
    unreadCount: 'rpc.notifications.inbox.unread-count',
    markRead: 'rpc.notifications.inbox.mark-read',
    markAllRead: 'rpc.notifications.inbox.mark-all-read',
    getPreferences: 'rpc.notifications.preferences.get',
    updatePreferences: 'rpc.notifications.preferences.update',
    listDeliveries: 'rpc.notifications.deliveries.list',
    getDelivery: 'rpc.notifications.deliveries.get',
    resendDeliveries: 'rpc.notifications.deliveries.resend',
    createWebhook: 'rpc.notifications.webhooks.create',
    listWebhooks: 'rpc.notifications.webhooks.list',
    deleteWebhook: 'rpc.notifications.webhooks.delete',
  },
} as const;

export const SERVICES = ['directory', 'plans', 'assignments', 'reporting', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface HealthReport {
  service: ServiceName;
  postgres: boolean;
  redis: boolean;
  nats: boolean;
}
