import type { Actor } from './actor.js';
import type { Deadline } from './deadline.js';
import type { Page, PageQuery } from './page.js';
import type {
  IndicatorDefinition,
  IndicatorInput,
  IssuedObligation,
  ObligationView,
  ReportingObligationInput,
  TargetDefinition,
  TargetInput,
} from './reporting.js';

/**
 * Which units implement a task: explicit unit codes, every direct subordinate of the issuer, or
 * every descendant of the issuer of a given kind (e.g. every `chi_bo`).
 */
export type ImplementingSelector =
  | { type: 'units'; unitCodes: string[] }
  | { type: 'direct-subordinates' }
  | { type: 'descendants'; kind: string };

export interface TaskInput {
  number: string;
  title: string;
  directingUnitCode?: string;
  leadUnitCode?: string;
  coordinatingUnitCodes?: string[];
  implementing?: ImplementingSelector;
  timeline: string;
  /** The assignment this task implements (a lower unit's plan linked to what it received). */
  parentAssignmentId?: string;
}

export interface BasisReference {
  /** The upper document as cited: "Kế hoạch số 301-KH/TU ngày 15/8/2024 của Ban Thường vụ Tỉnh ủy". */
  text: string;
  /** When the upper plan is held in the system. */
  planId?: string;
}

export interface PlanInput {
  symbol: string;
  title: string;
  issuingUnitCode?: string;
  issueDate: string;
  signer?: string;
  basis?: BasisReference[];
  /** Default link for tasks that name no parentAssignmentId. */
  parentAssignmentId?: string;
  tasks: TaskInput[];
  /** What must be reported, by whom, to whom and when (see reporting.ts). */
  reportingObligations?: ReportingObligationInput[];
  /** The figures reports carry. */
  indicators?: IndicatorInput[];
  /** Numeric goals over the units or members below. */
  targets?: TargetInput[];
}

export interface CreatePlanRequest {
  actor: Actor;
  plan: PlanInput;
}

export interface UpdatePlanRequest {
  actor: Actor;
  planId: string;
  plan: PlanInput;
}

export interface PlanRef {
  actor: Actor;
  planId: string;
}

export interface ListPlansRequest extends PageQuery {
  actor: Actor;
  status?: PlanStatus;
}

export type PlanStatus = 'draft' | 'issued';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface TaskView {
  id: string;
  number: string;
  title: string;
  directingUnit: UnitRef | null;
  leadUnit: UnitRef | null;
  coordinatingUnits: UnitRef[];
  implementing: ImplementingSelector | null;
  timeline: string;
  deadline: Deadline;
  parentAssignmentId: string | null;
}

export interface PlanView {
  id: string;
  symbol: string;
  number: number;
  documentKind: string;
  issuerCode: string;
  title: string;
  issuingUnit: UnitRef;
  issueDate: string;
  signer: string | null;
  basis: BasisReference[];
  parentAssignmentId: string | null;
  status: PlanStatus;
  issuedAt: string | null;
  tasks: TaskView[];
  reportingObligations?: ObligationView[];
  indicators?: IndicatorDefinition[];
  targets?: TargetDefinition[];
}

export type PlanPage = Page<Omit<PlanView, 'tasks' | 'reportingObligations' | 'indicators' | 'targets'> & { taskCount: number }>;

/** What assignments needs to create one assignment per (task, implementing unit). */
export interface IssuedTask {
  id: string;
  number: string;
  title: string;
  timeline: string;
  deadline: Deadline;
  dueAt: string | null;
  /** Explicit units resolved to ids at creation, or a selector the consumer expands set-based. */
  target: { type: 'units'; unitIds: string[] } | { type: 'direct-subordinates' } | { type: 'descendants'; kind: string };
  parentAssignmentId: string | null;
  /**
   * The task's lead / monitoring body ("cơ quan chủ trì, theo dõi"), told at escalation step 2.
   * Absent in events issued before it was added: the assigning unit's office is told instead.
   */
  leadUnit?: UnitRef | null;
}

export interface PlanIssuedEvent {
  plan: { id: string; symbol: string; title: string; issueDate: string };
  issuer: { id: string; code: string; name: string; path: string };
  /** The consumer must know every unit up to this directory version before expanding selectors. */
  directoryVersion: number;
  tasks: IssuedTask[];
  /** Reporting duties, figures and targets (absent from plans issued before they existed). */
  reportingObligations?: IssuedObligation[];
  indicators?: IndicatorDefinition[];
  targets?: TargetDefinition[];
  signer?: string | null;
}
