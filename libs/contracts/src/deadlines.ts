import type { Actor, Role } from './actor.js';
import type { Page, PageQuery } from './page.js';
import type { UnitRef } from './plans.js';

/**
 * Deadlines that watch themselves: reminders before, an overdue notice at the deadline, escalation
 * up the tree after it; extensions (gia hạn); the working-day calendar. Owned by the assignments
 * service.
 */

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

/**
 * When to remind and escalate. Durations are written `7d`, `36h`, `30m`, `5s`. Reminders are
 * counted back from the deadline; escalation grace periods forward from the moment the work became
 * overdue (or was received, if it arrived already late), strictly increasing, at most three:
 * 1. the unit's secretary, 2. the assigning unit's lead/monitoring body for the task,
 * 3. the assigning unit's standing committee. Never above the plan's issuer.
 */
export interface DeadlinePolicyInput {
  reminders: string[];
  escalations: string[];
}

export interface DeadlinePolicyView extends DeadlinePolicyInput {
  planId: string;
  /** `default` (the service's settings) or `plan` (set for this plan). */
  source: 'default' | 'plan';
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface GetDeadlinePolicyRequest {
  actor: Actor;
  planId: string;
}

export interface SetDeadlinePolicyRequest {
  actor: Actor;
  planId: string;
  /** null goes back to the default policy. */
  policy: DeadlinePolicyInput | null;
}

// ---------------------------------------------------------------------------------------------
// Due items, steps and who is told
// ---------------------------------------------------------------------------------------------

export type DeadlineStepKind = 'reminder' | 'overdue' | 'escalation';

/** A step of the policy: `reminder:604800` (seconds before), `overdue`, `escalation:2`. */
export interface DeadlineStepRef {
  kind: DeadlineStepKind;
  key: string;
  /** Escalation level 1–3; for reminders their order (1 = earliest); 0 for the overdue notice. */
  level: number;
  /** When it was due (UTC ISO). Fired at or after this, never before. */
  scheduledAt: string;
}

/** Why a unit is told, which decides the role notifications deliver to. */
export type NoticeCapacity =
  /** The unit that has the work: its office (reminder, overdue notice). */
  | 'assigned-unit'
  /** Escalation 1: the head (secretary) of the unit that has the work. */
  | 'unit-head'
  /** Escalation 2: the task's lead / monitoring body, or the assigning unit's office without one. */
  | 'monitoring-body'
  /** Escalation 3: the assigning unit's standing committee, i.e. its secretary. */
  | 'standing-committee'
  /** Extension requests and decisions, linked child plans. */
  | 'assigning-unit'
  | 'plan-issuer';

/**
 * Who must be told. Notifications resolves the users of `unitId` holding `role`; when the unit has
 * none (a small cell has no office staff), its secretary is the natural fallback.
 */
export interface NoticeTarget {
  unitId: string;
  unitCode: string;
  unitName: string;
  role: Role;
  capacity: NoticeCapacity;
}

export interface NoticeItem {
  assignmentId: string;
  dueItemId: string;
  unit: UnitRef;
  /** Whole local days past the deadline (0 before or on the due day). */
  daysOverdue: number;
}

/**
 * Event data of `assignments.assignment.due-soon`, `.overdue` and `.escalated`: one step fired for
 * the assignments listed, all about the same deadline and told to the same target. A step for 100,000
 * assignments is one event per target unit (at most 1,000 assignments each), written set-based.
 */
export interface DeadlineNoticeEvent {
  step: DeadlineStepRef;
  plan: { id: string; symbol: string; title: string };
  task: { id: string; number: string; title: string };
  /** The deadline this step is about (after any approved extension). */
  dueAt: string;
  /** `once` for a one-off deadline; `2025` or `2025-Q4` for an occurrence of a recurring one. */
  occurrence: string;
  assigningUnit: UnitRef;
  target: NoticeTarget;
  /** Why, in words a person reads ("Quá hạn 3 ngày; báo Bí thư đơn vị"). */
  reason: string;
  firedAt: string;
  items: NoticeItem[];
}

export type AssignmentDueSoonEvent = DeadlineNoticeEvent;
export type AssignmentOverdueEvent = DeadlineNoticeEvent;
export type AssignmentEscalatedEvent = DeadlineNoticeEvent;

/** One thing to watch: a one-off deadline, or one occurrence of a recurring one. */
export interface DueItemView {
  id: string;
  assignmentId: string;
  occurrence: string;
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  /** The next step and when it fires; null when nothing is pending. */
  nextStep: string | null;
  nextAt: string | null;
  escalationLevel: number;
  /** "trong 10 ngày làm việc": recomputed when the calendar changes, until an extension sets a date. */
  workingDays: { count: number; from: string } | null;
  closedAt: string | null;
  completionNote: string | null;
}

export type HistoryEventKind =
  | 'due-soon'
  | 'overdue'
  | 'escalated'
  | 'steps-cancelled'
  | 'extension-requested'
  | 'extension-approved'
  | 'extension-refused'
  | 'occurrence-completed'
  | 'deadline-changed';

/** One line of an assignment's history: who was told, when, and why. */
export interface HistoryEntry {
  id: string;
  dueItemId: string | null;
  kind: HistoryEventKind;
  step: string | null;
  deadlineAt: string | null;
  target: { unitId: string; unitCode: string; unitName: string; role: Role } | null;
  reason: string;
  actor: string;
  eventId: string | null;
  occurredAt: string;
}

export interface AssignmentDeadlinesRequest {
  actor: Actor;
  assignmentId: string;
}

export interface AssignmentDeadlines {
  assignmentId: string;
  dueItems: DueItemView[];
  history: HistoryEntry[];
  extensions: ExtensionView[];
}

/** A unit's recurring occurrence done (its periodic report sent): stops that occurrence's steps. */
export interface CompleteOccurrenceRequest {
  actor: Actor;
  assignmentId: string;
  dueItemId: string;
  note: string;
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

export interface DeadlineListItem {
  dueItemId: string;
  assignmentId: string;
  occurrence: string;
  dueAt: string;
  daysOverdue: number;
  escalationLevel: number;
  status: string;
  plan: { id: string; symbol: string; title: string };
  task: { id: string; number: string; title: string };
  unit: UnitRef;
  assigner: UnitRef;
}

export type DeadlineListPage = Page<DeadlineListItem>;

/** The caller's own unit: due within `withinDays` (default: the longest reminder), or overdue. */
export interface UnitDeadlinesRequest extends PageQuery {
  actor: Actor;
  withinDays?: number;
}

/** Overdue work anywhere below the caller's unit, most days overdue first. */
export interface OverdueSubtreeRequest extends PageQuery {
  actor: Actor;
  unitCode?: string;
}

export interface OverdueByUnitRequest {
  actor: Actor;
}

/** Overdue counts over each child unit's whole subtree (and the caller's unit itself). */
export interface OverdueByUnit {
  unit: UnitRef;
  /** The caller's own unit's overdue items (not its subtree). */
  own: number;
  children: { unit: UnitRef; overdue: number; maxDaysOverdue: number }[];
  total: number;
}

// ---------------------------------------------------------------------------------------------
// Extensions (gia hạn)
// ---------------------------------------------------------------------------------------------

export type ExtensionStatus = 'pending' | 'approved' | 'refused';

export interface ExtensionView {
  id: string;
  assignmentId: string;
  dueItemId: string;
  occurrence: string;
  plan: { id: string; symbol: string; title: string };
  task: { id: string; number: string; title: string };
  unit: UnitRef;
  assigner: UnitRef;
  reason: string;
  currentDueAt: string;
  requestedDate: string;
  status: ExtensionStatus;
  decidedDueAt: string | null;
  decisionNote: string | null;
  requestedBy: string;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** The assigned unit asks: a reason and the new due day (local `YYYY-MM-DD`, end of that day). */
export interface RequestExtensionRequest {
  actor: Actor;
  assignmentId: string;
  /** Which occurrence; default the earliest open one. */
  dueItemId?: string;
  newDueDate: string;
  reason: string;
}

/** The assigning unit decides; approving may grant a different (earlier) day than asked. */
export interface DecideExtensionRequest {
  actor: Actor;
  extensionId: string;
  approve: boolean;
  note?: string;
  dueDate?: string;
}

export interface ListExtensionsRequest extends PageQuery {
  actor: Actor;
  /** `incoming`: requests to the caller's unit (it assigned the work); `outgoing`: its own requests. */
  direction?: 'incoming' | 'outgoing';
  status?: ExtensionStatus;
}

export type ExtensionPage = Page<ExtensionView>;

/** Event data of `assignments.extension.requested`: told to the assigning unit. */
export interface ExtensionRequestedEvent {
  extension: ExtensionView;
  target: NoticeTarget;
}

/** Event data of `assignments.extension.decided`: told to the unit that asked. */
export interface ExtensionDecidedEvent {
  extension: ExtensionView;
  target: NoticeTarget;
}

/**
 * Event data of `assignments.assignment.deadline-changed`: an assignment's deadline moved (an
 * approved extension, or a working-day deadline recounted after a calendar change). Plans linked
 * to it (child plans of the unit that received it) are re-checked, child ≤ parent, and the unit that
 * issued them is told, with the tasks that now fall due after it.
 */
export interface AssignmentDeadlineChangedEvent {
  assignmentId: string;
  dueItemId: string;
  plan: { id: string; symbol: string; title: string };
  task: { id: string; number: string; title: string };
  unit: UnitRef;
  previousDueAt: string;
  dueAt: string;
  reason: 'extension' | 'calendar';
  linkedChildren: { planId: string; planSymbol: string; taskId: string; taskNumber: string; assignments: number; latestDueAt: string | null; exceedsParent: boolean }[];
  targets: NoticeTarget[];
}

// ---------------------------------------------------------------------------------------------
// Working-day calendar
// ---------------------------------------------------------------------------------------------

export type CalendarOverrideKind = 'day-off' | 'working-day';

export interface CalendarOverrideView {
  date: string;
  kind: CalendarOverrideKind;
  note: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface CalendarYear {
  year: number;
  /** From the holiday library: Tết Dương lịch, Tết Nguyên Đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9. */
  holidays: { date: string; name: string }[];
  overrides: CalendarOverrideView[];
  /** Every day nobody works that is not a Saturday or Sunday, after overrides; plus worked weekend days. */
  nonWorkingWeekdays: string[];
  workingWeekendDays: string[];
}

export interface GetCalendarRequest {
  actor?: Actor;
  year: number;
}

/** Replaces one year's overrides (admin only). */
export interface SetCalendarOverridesRequest {
  actor: Actor;
  year: number;
  overrides: { date: string; kind: CalendarOverrideKind; note?: string }[];
}

/** For other services (plans counting "N ngày làm việc"): the overrides of some years. */
export interface CalendarOverridesRequest {
  fromYear: number;
  toYear: number;
}

export interface CalendarOverridesResult {
  overrides: { date: string; kind: CalendarOverrideKind; note: string | null }[];
}

/**
 * Event data of `assignments.deadline-policy.changed`: a plan's escalation policy was set (or reset
 * to the default, `policy: null`). The reporting service keeps a copy, so that a plan's expected
 * reports are reminded and escalated on the same policy as its tasks. Durations in milliseconds.
 */
export interface DeadlinePolicyChangedEvent {
  planId: string;
  policy: { remindersMs: readonly number[]; escalationsMs: readonly number[] } | null;
  /** When it was set: a copy keeps the latest (events may be redelivered out of order). */
  changedAt: string;
}

/**
 * Request-reply patterns of the deadline features (answered by the assignments service). Kept
 * beside their types; PERMANENT once released.
 */
export const DeadlineRpcPatterns = {
  assignmentDeadlines: 'rpc.assignments.deadlines.get',
  dueSoon: 'rpc.assignments.deadlines.due-soon',
  overdue: 'rpc.assignments.deadlines.overdue',
  overdueSubtree: 'rpc.assignments.deadlines.overdue-subtree',
  overdueByUnit: 'rpc.assignments.deadlines.overdue-by-unit',
  completeOccurrence: 'rpc.assignments.deadlines.complete-occurrence',
  getPolicy: 'rpc.assignments.policy.get',
  setPolicy: 'rpc.assignments.policy.set',
  requestExtension: 'rpc.assignments.extensions.request',
  decideExtension: 'rpc.assignments.extensions.decide',
  listExtensions: 'rpc.assignments.extensions.list',
  getCalendar: 'rpc.assignments.calendar.get',
  setCalendarOverrides: 'rpc.assignments.calendar.set-overrides',
  calendarOverrides: 'rpc.assignments.calendar.overrides',
} as const;
