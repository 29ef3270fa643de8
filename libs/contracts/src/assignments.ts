import type { Actor } from './actor.js';
import type { Page, PageQuery } from './page.js';

export const ASSIGNMENT_STATUSES = ['new', 'acknowledged', 'in_progress', 'done'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface AssignmentView {
  id: string;
  plan: { id: string; symbol: string; title: string };
  task: { id: string; number: string; title: string; timeline: string };
  unit: { id: string; code: string; name: string };
  assigner: { id: string; code: string; name: string };
  deadlineKind: 'ongoing' | 'fixed' | 'recurring';
  dueAt: string | null;
  status: AssignmentStatus;
  resultNote: string | null;
  parentAssignmentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AssignmentFilter extends PageQuery {
  status?: AssignmentStatus;
  dueBefore?: string;
  dueAfter?: string;
}

/** The caller's own unit's assignments (its inbox). */
export interface InboxRequest extends AssignmentFilter {
  actor: Actor;
}

/** Assignments anywhere in the caller's subtree, optionally narrowed. */
export interface ListAssignmentsRequest extends AssignmentFilter {
  actor: Actor;
  planId?: string;
  unitCode?: string;
}

export type AssignmentPage = Page<AssignmentView>;

export interface GetAssignmentRequest {
  actor: Actor;
  assignmentId: string;
}

export interface TransitionAssignmentRequest {
  actor: Actor;
  assignmentId: string;
  status: AssignmentStatus;
  resultNote?: string;
}

/** Event data: a batch of assignments committed together by one cascade step. */
export interface AssignmentsCreatedEvent {
  planId: string;
  taskId: string;
  assignments: { id: string; unitId: string; dueAt: string | null }[];
}

export interface AssignmentStatusChangedEvent {
  assignmentId: string;
  planId: string;
  taskId: string;
  unitId: string;
  from: AssignmentStatus;
  to: AssignmentStatus;
  resultNote: string | null;
  changedBy: string;
}
