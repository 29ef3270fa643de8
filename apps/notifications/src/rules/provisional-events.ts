import type { Role } from '#contracts';

/**
 * Events this service is ready for although no service publishes them yet: deadlines and
 * extensions (issue 3, assignments) and report reviews (issue 4, reporting). Their subjects and
 * payloads are this service's ASSUMPTION of what those issues will publish, written down here so
 * the merge can reconcile names in one place. A rule for one of them is registered only once
 * `EventSubjects` lists its subject (or when NOTIFICATIONS_PROVISIONAL_EVENTS names it, for tests).
 *
 * Every payload may carry the plan and task inline; when it carries only ids, the local copy
 * (from `plans.plan.issued`) fills them in.
 */
export const PROVISIONAL_SUBJECTS = {
  assignmentDueSoon: 'assignments.assignment.due-soon',
  assignmentOverdue: 'assignments.assignment.overdue',
  assignmentEscalated: 'assignments.assignment.escalated',
  extensionDecided: 'assignments.extension.decided',
  reportReturned: 'reporting.report.returned',
  reportAccepted: 'reporting.report.accepted',
} as const;

export interface PlanRefPayload {
  id: string;
  symbol: string;
  title: string;
}

export interface TaskRefPayload {
  id: string;
  number: string;
  title: string;
  timeline?: string | null;
}

/** due-soon and overdue: an assignment of `unitId` whose deadline `dueAt` is near or past. */
export interface AssignmentDeadlineEvent {
  assignmentId: string;
  planId?: string;
  taskId?: string;
  plan?: PlanRefPayload;
  task?: TaskRefPayload;
  /** The implementing unit. */
  unitId: string;
  dueAt: string | null;
}

/**
 * Nothing happened by the deadline: tell `targetUnitId` (the unit itself's head first, then upper
 * units) in the role(s) named. `targetRole` (one) or `targetRoles` (several) are both accepted.
 */
export interface AssignmentEscalatedEvent extends AssignmentDeadlineEvent {
  step: number;
  targetUnitId: string;
  targetRole?: Role;
  targetRoles?: Role[];
}

/** An extension the unit asked for was granted (with the new deadline) or refused. */
export interface ExtensionDecidedEvent extends AssignmentDeadlineEvent {
  approved: boolean;
  newDueAt?: string | null;
  note?: string | null;
}

/** A report of `unitId` was returned for rework or accepted by the upper unit. */
export interface ReportReviewedEvent {
  reportId: string;
  assignmentId?: string | null;
  planId?: string;
  taskId?: string;
  plan?: PlanRefPayload;
  task?: TaskRefPayload;
  unitId: string;
  dueAt?: string | null;
  note?: string | null;
  /** What reporting sends with a returned report (`ReportReturnedEvent.reason`). */
  reason?: string | null;
}
