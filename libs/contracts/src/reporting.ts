import type { Actor } from './actor.js';
import type { Deadline } from './deadline.js';
import type { DeadlineStepRef, NoticeTarget } from './deadlines.js';
import type { Page, PageQuery } from './page.js';
import type { ImplementingSelector, UnitRef } from './plans.js';

// ---------------------------------------------------------------------------------------------
// What a plan asks to be reported (part of PlanInput, carried in plans.plan.issued)
// ---------------------------------------------------------------------------------------------

/**
 * "Định kỳ hằng năm (trước ngày 25/11) … báo cáo … cho Ban Thường vụ Thị ủy (qua Ban Tuyên giáo
 * Thị ủy)": who reports (a selector, like a task's implementing units), when (a timeline text read
 * by #timeline: a date, yearly, quarterly), to whom (the issuer unless named) and through which
 * monitoring body. Each obligation yields one expected report per reporting unit per period.
 */
export interface ReportingObligationInput {
  /** Unique in the plan: "BC1". */
  code: string;
  /** "Báo cáo kết quả tổ chức thực hiện Quy định số 144-QĐ/TW". */
  title: string;
  /** As written: "Định kỳ hằng năm (trước ngày 25/11)", "trước ngày 25/12/2024", "quý I hằng năm". */
  timeline: string;
  reporters: ImplementingSelector;
  /** The unit the report is addressed to; the issuing unit when omitted. */
  toUnitCode?: string;
  /** The monitoring body it goes through, as written: "Ban Tuyên giáo Thị ủy". */
  through?: string;
  /** That body, when it is a unit of the tree. */
  throughUnitCode?: string;
  /** Indicators the report carries (codes of the plan's indicators); all of them when omitted. */
  indicators?: string[];
  /** Recurring obligations open no period due after this local date (YYYY-MM-DD). */
  until?: string;
  /** "hoặc đột xuất": the issuer may also ask for it on demand. */
  adHoc?: boolean;
}

export const INDICATOR_TYPES = ['count', 'percentage', 'boolean', 'text'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** How an indicator consolidates over a subtree. `share`: share of reporting units answering yes (or ≥ threshold). */
export const ROLLUP_RULES = ['sum', 'min', 'max', 'share', 'none'] as const;
export type RollupRule = (typeof ROLLUP_RULES)[number];

/** A figure the plan asks for: "Số đảng viên được quán triệt" (count, part of "Tổng số đảng viên"). */
export interface IndicatorInput {
  /** Unique in the plan, [a-z0-9_]: "members_disseminated". */
  code: string;
  name: string;
  type: IndicatorType;
  /** Default: sum for counts, min for percentages, share for yes/no, none for text. */
  rollup?: RollupRule;
  /** The whole this count is part of (another count indicator): value ≤ whole, ratio reported. */
  partOf?: string;
  /** For `share` over counts or percentages: a unit counts when its value is ≥ threshold. */
  threshold?: number;
  /** Display unit: "đảng viên", "chi bộ". */
  unit?: string;
  /** A submission must give it. */
  required?: boolean;
}

export type IndicatorDefinition = Required<Pick<IndicatorInput, 'code' | 'name' | 'type' | 'rollup'>> & {
  partOf: string | null;
  threshold: number | null;
  unit: string | null;
  required: boolean;
};

export const RATING_LEVELS = ['excellent', 'good', 'done', 'not_done'] as const;
/** Hoàn thành xuất sắc nhiệm vụ · Hoàn thành tốt nhiệm vụ · Hoàn thành nhiệm vụ · Không hoàn thành nhiệm vụ. */
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const RATING_LABELS: Record<RatingLevel, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  done: 'Hoàn thành nhiệm vụ',
  not_done: 'Không hoàn thành nhiệm vụ',
};

/** Same comparators as the plan importer reads (`ImportedTarget`). */
export const TARGET_COMPARATORS = ['>', '>=', '<', '<=', '=', 'between', 'decrease', 'increase'] as const;
export type TargetComparatorInput = (typeof TARGET_COMPARATORS)[number];

/**
 * What a target measures over a subtree. Percentages are 0–100.
 * - rating-share: share of the units of `unitKind` rated at one of `levels` in the rating period.
 * - indicator-ratio: Σ indicator / Σ its `partOf` whole, over received reports.
 * - indicator-total: Σ indicator.
 * - indicator-change: relative change (%) of the ratio (or total) against the previous period.
 * - completion-rate: assignments done / all assignments of the plan.
 * - reporting-rate: reports received / expected.
 */
export type TargetMetric =
  | { type: 'rating-share'; levels: RatingLevel[]; unitKind: string; period?: string }
  | { type: 'indicator-ratio'; indicator: string; obligation?: string }
  | { type: 'indicator-total'; indicator: string; obligation?: string }
  | { type: 'indicator-change'; indicator: string; obligation?: string }
  | { type: 'completion-rate' }
  | { type: 'reporting-rate'; obligation?: string };

export const TARGET_METRIC_TYPES = [
  'rating-share',
  'indicator-ratio',
  'indicator-total',
  'indicator-change',
  'completion-rate',
  'reporting-rate',
] as const;

/** "trên 80% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên": `>` 80 over rating-share. */
export interface TargetInput {
  code: string;
  /** As written in the plan. */
  text: string;
  metric: TargetMetric;
  comparator: TargetComparatorInput;
  value: number;
  /** Upper bound for `between` (15–20%). */
  max?: number;
}

export interface TargetDefinition extends Omit<TargetInput, 'max'> {
  max: number | null;
}

/** An obligation as stored and issued: its deadline read, its reporters resolved. */
export interface ObligationView {
  code: string;
  title: string;
  timeline: string;
  deadline: Deadline;
  reporters: ImplementingSelector;
  to: UnitRef | null;
  through: string | null;
  throughUnit: UnitRef | null;
  indicators: string[];
  until: string | null;
  adHoc: boolean;
}

/** In `plans.plan.issued`: explicit reporter units resolved to ids, like a task's target. */
export interface IssuedObligation extends Omit<ObligationView, 'reporters'> {
  id: string;
  target: { type: 'units'; unitIds: string[] } | { type: 'direct-subordinates' } | { type: 'descendants'; kind: string };
}

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

/**
 * pending (nothing yet) → draft (saved, not sent) → submitted → accepted, or returned (with a
 * reason) → resubmitted → accepted | returned … Received = submitted, resubmitted or accepted.
 */
export const REPORT_STATUSES = ['pending', 'draft', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  pending: 'Chưa báo cáo',
  draft: 'Đang soạn',
  submitted: 'Đã nộp',
  returned: 'Bị trả lại',
  resubmitted: 'Đã nộp lại',
  accepted: 'Đã duyệt',
};

/** Indicator code → value: a number (count, percentage), true/false (yes/no), text, or null. */
export type Figures = Record<string, number | boolean | string | null>;

export interface ReportVersionView {
  version: number;
  status: 'submitted' | 'resubmitted';
  figures: Figures;
  note: string | null;
  submittedBy: string;
  submittedAt: string;
  review: { decision: 'accepted' | 'returned'; reason: string | null; by: string; byUnit: UnitRef; at: string } | null;
}

export interface ReportView {
  id: string;
  plan: { id: string; symbol: string; title: string };
  obligation: { id: string; code: string; title: string; timeline: string; through: string | null; to: UnitRef | null };
  period: { key: string; label: string };
  unit: UnitRef & { kind: string };
  dueAt: string;
  status: ReportStatus;
  version: number;
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  /** First submission at or before the deadline (null until submitted). */
  onTime: boolean | null;
  returnReason: string | null;
  draft: { figures: Figures; note: string | null } | null;
  /** What to fill in. */
  indicators: IndicatorDefinition[];
  /** Every submitted version, oldest first (only in single-report answers). */
  versions?: ReportVersionView[];
  /** The deadline watch: next reminder or escalation, and who was told so far (only in single-report answers). */
  deadline?: ReportDeadlineView;
}

export type ReportPage = Page<Omit<ReportView, 'versions' | 'indicators' | 'draft'>>;

export interface ListReportsRequest extends PageQuery {
  actor: Actor;
  /** Only the caller's own unit's reports (its reporting inbox). */
  mine?: boolean;
  /**
   * Instead of the caller's subtree: the reports of the duties that go through the caller's unit
   * (their monitoring body, "qua Ban Tuyên giáo") or are addressed to it — its review desk.
   */
  throughMe?: boolean;
  planId?: string;
  obligationCode?: string;
  period?: string;
  status?: ReportStatus;
  unitCode?: string;
}

export interface GetReportRequest {
  actor: Actor;
  reportId: string;
}

export interface SaveReportDraftRequest {
  actor: Actor;
  reportId: string;
  figures: Figures;
  note?: string;
}

export interface SubmitReportRequest {
  actor: Actor;
  reportId: string;
  figures: Figures;
  note?: string;
  /** The same key again (a double click, a retried request) returns the same version, nothing new. */
  idempotencyKey?: string;
}

export interface ReviewReportRequest {
  actor: Actor;
  reportId: string;
  decision: 'accept' | 'return';
  /** Required to return. */
  reason?: string;
}

// ---------------------------------------------------------------------------------------------
// Roll-up: summaries and the progress tree
// ---------------------------------------------------------------------------------------------

export interface AssignmentStats {
  total: number;
  new: number;
  acknowledged: number;
  inProgress: number;
  done: number;
  /** Not done and past the deadline, now. */
  overdue: number;
  /** Done with a deadline, at or before it. */
  doneOnTime: number;
  /** Done / total (null without assignments). */
  completionRate: number | null;
  /** Done on time / done, over assignments with a deadline (null when none is done). */
  onTimeRate: number | null;
}

export interface ReportCounts {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  accepted: number;
  returned: number;
  /** Not received and past the deadline, now. */
  missing: number;
  /** Received / expected (null when nothing is expected). */
  rate: number | null;
  onTimeRate: number | null;
}

/** One reporting period of one obligation, over the subtree; `byLevel` splits it by the reporting units' kind. */
export interface PeriodReporting extends ReportCounts {
  obligationId: string;
  obligationCode: string;
  period: string;
  label: string;
  dueAt: string;
  byLevel: (ReportCounts & { kind: string })[];
}

export interface IndicatorResult {
  code: string;
  name: string;
  type: IndicatorType;
  rollup: RollupRule;
  unit: string | null;
  /** Units whose received report gives a value. */
  reported: number;
  /** The consolidated value by the rule: Σ, min, max, or share (%) of units. */
  value: number | null;
  sum: number | null;
  min: number | null;
  max: number | null;
  /** Units answering yes (or at/above the threshold). */
  yes: number;
  /** For a part of a whole: Σ part / Σ whole, in %. */
  ratio: { of: string; value: number | null } | null;
}

export interface RatingDistribution {
  period: string;
  kind: string;
  /** Units of this kind in the subtree. */
  units: number;
  rated: number;
  counts: Record<RatingLevel, number>;
}

export type TargetStatus = 'met' | 'not_met' | 'unknown';

export interface TargetResult {
  code: string;
  text: string;
  comparator: TargetComparatorInput;
  value: number;
  max: number | null;
  status: TargetStatus;
  /** The measured value so far (%, or a total), and the range it can still end in. */
  actual: number | null;
  range: { min: number | null; max: number | null };
  /** Why it is unknown, or what it was measured on, in Vietnamese. */
  explanation: string;
  /** The numbers behind it: counts and totals by name. */
  numbers: Record<string, number | null>;
}

export interface PlanSummaryRequest {
  actor: Actor;
  planId: string;
  /** The subtree's root; the caller's unit when omitted. */
  unitCode?: string;
  /** Obligation code and period key for figures and targets; the current ones when omitted. */
  obligation?: string;
  period?: string;
}

export interface UnitSummary {
  plan: { id: string; symbol: string; title: string; issuer: UnitRef };
  unit: UnitRef & { kind: string; path: string };
  /** The obligation and period the figures and targets are for (null when the plan asks for none). */
  selection: { obligationId: string; obligation: string; period: string; label: string } | null;
  ratingPeriod: string;
  asOf: string;
  assignments: AssignmentStats;
  reporting: PeriodReporting[];
  /** Figures of the selected period. */
  figures: IndicatorResult[];
  ratings: RatingDistribution[];
  targets: TargetResult[];
}

export interface PlanTreeRequest extends PlanSummaryRequest, PageQuery {}

export interface ProgressNode {
  unit: UnitRef & { kind: string };
  /** Has units below it that take part in the plan. */
  hasChildren: boolean;
  assignments: AssignmentStats;
  /** The selected period only. */
  reporting: ReportCounts | null;
  /** This unit's own report for the selected period, when it reports itself. */
  ownReport: { id: string; status: ReportStatus } | null;
  figures: Record<string, number | null>;
  rating: RatingLevel | null;
}

export interface ProgressTreePage extends Page<ProgressNode> {
  parent: UnitRef & { kind: string };
  selection: UnitSummary['selection'];
}

// ---------------------------------------------------------------------------------------------
// Ratings
// ---------------------------------------------------------------------------------------------

/** First rule whose minimums the record meets gives the suggestion; otherwise not_done. Shares are 0–1. */
export interface RatingRule {
  level: Exclude<RatingLevel, 'not_done'>;
  minDoneShare: number;
  minOnTimeShare: number;
}

export interface RatingRules {
  /** The unit whose rules apply (the nearest ancestor that set some), or null for the built-in default. */
  definedBy: UnitRef | null;
  rules: RatingRule[];
}

export interface RatingRecord {
  /** The unit's own assignments due in the period (local calendar year). */
  total: number;
  done: number;
  doneOnTime: number;
  doneShare: number | null;
  onTimeShare: number | null;
}

export interface RatingSuggestion {
  unit: UnitRef & { kind: string };
  period: string;
  record: RatingRecord;
  suggested: RatingLevel | null;
  rules: RatingRules;
}

export interface RatingView extends RatingSuggestion {
  level: RatingLevel | null;
  note: string | null;
  ratedBy: string | null;
  raterUnit: UnitRef | null;
  ratedAt: string | null;
}

export interface RateUnitRequest {
  actor: Actor;
  unitCode: string;
  /** Rating year: "2026". */
  period: string;
  level: RatingLevel;
  note?: string;
}

export interface RatingSuggestionRequest {
  actor: Actor;
  unitCode: string;
  period: string;
}

/** The ratings of the units directly below `unitCode` (the caller's unit by default). */
export interface ListRatingsRequest extends PageQuery {
  actor: Actor;
  unitCode?: string;
  period: string;
}

export type RatingPage = Page<RatingView>;

export interface GetRatingRulesRequest {
  actor: Actor;
}

export interface SetRatingRulesRequest {
  actor: Actor;
  rules: RatingRule[];
}

// ---------------------------------------------------------------------------------------------
// Exports and operations
// ---------------------------------------------------------------------------------------------

export interface ExportReportRequest extends PlanSummaryRequest {
  format: 'docx' | 'xlsx';
  /** Document number ("15" in 15-BC/HU); left blank for the office to write in. */
  number?: string;
  /** Issuer part of the symbol ("HU" in 15-BC/HU); the unit's code when omitted. */
  issuerCode?: string;
  /** "Đông Anh" in the place-and-date line. */
  place?: string;
  /** Local YYYY-MM-DD of the place-and-date line; today when omitted. */
  date?: string;
  signer?: string;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  base64: string;
}

export interface RebuildRollupRequest {
  actor: Actor;
}

export interface RebuildRollupResult {
  /** Aggregate rows written by the rebuild, per table. */
  rows: Record<string, number>;
  /** Rows that differed from the incrementally maintained ones (0 when they agreed). */
  differences: number;
  tookMs: number;
}

export interface ReportingPlanRequest {
  actor: Actor;
  planId: string;
}

/** What a plan asks to report, with its periods opened so far (for any unit taking part in it). */
export interface ReportingPlanView {
  plan: { id: string; symbol: string; title: string; issueDate: string; issuer: UnitRef };
  obligations: (ObligationView & { id: string; periods: { key: string; label: string; dueAt: string }[] })[];
  indicators: IndicatorDefinition[];
  targets: TargetDefinition[];
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

interface ReportEventBase {
  reportId: string;
  planId: string;
  obligationId: string;
  obligationCode: string;
  periodKey: string;
  unitId: string;
  /** The report's deadline: what reminders and escalation (issue 3) watch. */
  dueAt: string;
  version: number;
}

export interface ReportSubmittedEvent extends ReportEventBase {
  resubmission: boolean;
  submittedAt: string;
  onTime: boolean;
  submittedBy: string;
  /** The monitoring body it goes through, as written. */
  through: string | null;
}

export interface ReportAcceptedEvent extends ReportEventBase {
  reviewedBy: string;
  reviewerUnitId: string;
}

export interface ReportReturnedEvent extends ReportEventBase {
  reviewedBy: string;
  reviewerUnitId: string;
  reason: string;
}

export interface ReportNoticeItem {
  reportId: string;
  /** The unit that owes the report. */
  unit: UnitRef;
  /** Whole local days past the deadline (0 before or on the due day). */
  daysOverdue: number;
}

/**
 * Event data of `reporting.report.due-soon`, `.overdue` and `.escalated`: a step of an expected
 * report's deadline fired (the same policy and steps as assignments': reminders, the overdue notice,
 * escalation 1 the unit's secretary, 2 the monitoring body "qua Ban Tuyên giáo" or else the unit the
 * report goes to, 3 that unit's standing committee) for the reports listed, all of one obligation
 * and period, told to one target. One event per target unit and chunk of 1,000 reports.
 */
export interface ReportDeadlineNoticeEvent {
  step: DeadlineStepRef;
  plan: { id: string; symbol: string; title: string };
  obligation: { id: string; code: string; title: string };
  period: { key: string; label: string };
  /** The deadline this step is about. */
  dueAt: string;
  /** The unit the reports are addressed to (the plan's issuer unless the plan names another). */
  receivingUnit: UnitRef;
  target: NoticeTarget;
  /** Why, in words a person reads. */
  reason: string;
  firedAt: string;
  items: ReportNoticeItem[];
}

/** One step of a report's deadline as recorded: who was told, when, why (GET /api/reports/:id). */
export interface ReportDeadlineHistoryEntry {
  step: string;
  kind: 'due-soon' | 'overdue' | 'escalated';
  deadlineAt: string;
  target: { unitId: string; unitCode: string; unitName: string; role: string };
  reason: string;
  eventId: string;
  occurredAt: string;
}

/** Where a report's deadline watch stands: the next step (null once submitted) and the steps fired. */
export interface ReportDeadlineView {
  nextStep: string | null;
  nextAt: string | null;
  escalationLevel: number;
  history: ReportDeadlineHistoryEntry[];
}
