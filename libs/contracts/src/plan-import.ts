import type { Actor } from './actor.js';
import type { Deadline } from './deadline.js';
import type { ImplementingSelector, PlanView } from './plans.js';

/**
 * Something the importer was unsure of, tied to the source line (1-based; 0 = the document as a
 * whole) so that a person can check it before issuing. `text` quotes the line as read.
 */
export interface ImportWarning {
  line: number;
  text: string;
  message: string;
}

/** A piece of the document as read, with the line it starts on. */
export interface SourceSpan {
  text: string;
  line: number;
}

/** `301-KH/TU`: number 301, kind KH (kế hoạch), issuer code TU (Tỉnh ủy). */
export interface ImportedSymbol extends SourceSpan {
  symbol: string;
  number: number;
  kind: string;
  issuerCode: string;
}

export interface ImportedIssueDate extends SourceSpan {
  /** Local `YYYY-MM-DD`. */
  date: string;
  /** "Ninh Hòa" in "Ninh Hòa, ngày 20 tháng 9 năm 2024". */
  place: string | null;
  /** Where it came from: the place-and-date line, another dated header line, or the reference date given. */
  source: 'place-date' | 'header' | 'reference';
}

/** "KẾ HOẠCH": the kind of document, from its heading. */
export interface ImportedDocumentType extends SourceSpan {
  kind: string;
  kindName: string;
}

export interface ImportedIssuingBody extends SourceSpan {
  name: string;
  source: 'basis-paragraph' | 'header' | 'signature';
}

/** One upper document this plan implements ("Thực hiện Kế hoạch số 301-KH/TU ngày 15/8/2024 của …"). */
export interface ImportedBasis extends SourceSpan {
  /** "Kế hoạch", as the citation names it. */
  kindName: string | null;
  symbol: string | null;
  number: number | null;
  /** From the symbol: KH, QĐ, HD, KL, CT, NQ, CV … */
  kind: string | null;
  issuerCode: string | null;
  /** Local `YYYY-MM-DD`. */
  date: string | null;
  /** "Ban Thường vụ Tỉnh ủy". */
  issuer: string | null;
  /** What it is about (the "về …" clause). */
  subject: string | null;
}

/** Section I: purposes and requirements, as paragraphs. `general` holds those under neither heading. */
export interface ImportedPurpose extends SourceSpan {
  heading: string;
  purposes: string[];
  requirements: string[];
  general: string[];
}

export type ImportedSectionKind = 'purpose' | 'tasks' | 'organisation' | 'other';

export interface ImportedSection extends SourceSpan {
  numeral: string;
  heading: string;
  kind: ImportedSectionKind;
}

export type ImportedRoleKind = 'directing' | 'lead' | 'coordinating' | 'implementing';

/** One "+ *Cơ quan …*: …" line of a task. */
export interface ImportedRole extends SourceSpan {
  kind: ImportedRoleKind;
  /** The label as written: "Cơ quan theo dõi, tham mưu". */
  label: string;
  /** The names listed, split: ["Ủy ban Kiểm tra Thị ủy", "Ban Dân vận Thị ủy"]. */
  bodies: string[];
}

/** "Thời gian thực hiện: …" as written, and the deadline it means (null when it could not be read). */
export interface ImportedTimeline extends SourceSpan {
  deadline: Deadline | null;
  error: string | null;
}

export interface ImportedTask {
  /** Position in the plan: 1, 1.2, 1.2.1 (unique; what the draft uses). */
  number: string;
  /** As written: "1.2.", "a)", "Điều 3.", or the section numeral when sections are tasks. */
  label: string;
  /** Roman numeral of the section it is in. */
  section: string;
  level: number;
  title: string;
  description: string;
  line: number;
  roles: ImportedRole[];
  timeline: ImportedTimeline | null;
  children: ImportedTask[];
}

/** "Báo cáo … trước ngày 25/12/2024", "Định kỳ hằng năm (trước ngày 25/11) … báo cáo … (qua …)". */
export interface ImportedReport extends SourceSpan {
  what: string;
  deadlineText: string | null;
  deadline: Deadline | null;
  error: string | null;
  /** "cho Ban Thường vụ Thị ủy". */
  to: string | null;
  /** "(qua Ban Tuyên giáo Thị ủy)". */
  through: string | null;
  /** Who reports: the bodies the section item is addressed to, when it names them. */
  reporters: string[];
  /** "hoặc đột xuất": also on demand. */
  adHoc: boolean;
}

export type TargetComparator = '>' | '>=' | '<' | '<=' | '=' | 'between' | 'decrease' | 'increase';

/** ">80% … hoàn thành tốt nhiệm vụ", "15 - 20% … xuất sắc", "kéo giảm … 2%/năm", "01 - 02 tập thể". */
export interface ImportedTarget extends SourceSpan {
  comparator: TargetComparator;
  value: number;
  /** Upper bound of a range (between). */
  max: number | null;
  unit: 'percent' | 'count';
  /** For counts: "tập thể". */
  countNoun: string | null;
  perYear: boolean;
  /** What is measured: "tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ". */
  subject: string;
}

export type RecipientPurpose = 'report' | 'information' | 'implement' | 'coordinate' | 'publish' | 'archive' | 'other';

/** One line of "Nơi nhận:". */
export interface ImportedRecipient extends SourceSpan {
  name: string;
  purpose: RecipientPurpose | null;
  /** As written: "để báo cáo", "b/c", "Lưu". */
  purposeText: string | null;
  /** "Đ/c Phan Công Bình - …": a person rather than a body. */
  person: boolean;
}

export interface ImportedSigner extends SourceSpan {
  name: string | null;
  /** Readable capacity: "T/M Ban Thường vụ, Bí thư". */
  capacity: string;
  /** T/M (on behalf of a collective), K/T (deputy for), T/L, Q. (acting) or signing in one's own title. */
  mode: 'on-behalf' | 'deputy' | 'by-order' | 'acting' | 'direct';
  onBehalfOf: string | null;
  title: string | null;
}

/** Everything read from one plan document. Pure data: the parser never throws. */
export interface ImportedPlan {
  documentType: ImportedDocumentType | null;
  symbol: ImportedSymbol | null;
  issueDate: ImportedIssueDate | null;
  /** Trích yếu: "Thực hiện Quy định số 144-QĐ/TW …". */
  title: SourceSpan | null;
  issuingBody: ImportedIssuingBody | null;
  basis: ImportedBasis[];
  purpose: ImportedPurpose | null;
  sections: ImportedSection[];
  tasks: ImportedTask[];
  /** Items of the organisation section ("Tổ chức thực hiện"): who does what. */
  organisation: ImportedTask[];
  reporting: ImportedReport[];
  targets: ImportedTarget[];
  recipients: ImportedRecipient[];
  signer: ImportedSigner | null;
  warnings: ImportWarning[];
}

/** Where a body is named, and in which capacity. */
export type BodyMentionRole = ImportedRoleKind | 'issuer' | 'recipient' | 'reporter' | 'report-to' | 'report-through';

export interface BodyMention {
  line: number;
  role: BodyMentionRole;
  /** The task (draft number) it belongs to, for role lines. */
  task: string | null;
}

export interface MatchedUnit {
  code: string;
  name: string;
  kind: string;
  path: string;
}

/**
 * What a body name became in the importer's tree: one unit (and how it was found), a selector for a
 * group phrase, several candidates (never picked), or nothing (kept, flagged).
 */
export type BodyMatchResult =
  | { status: 'matched'; unit: MatchedUnit; how: 'issuer' | 'exact-name' | 'name-contains' | 'issuer-child' | 'abbreviation' }
  | { status: 'selector'; selector: ImplementingSelector; how: string }
  | { status: 'ambiguous'; candidates: MatchedUnit[]; total: number }
  | { status: 'unmatched'; reason: string };

export interface BodyMatch {
  name: string;
  mentions: BodyMention[];
  result: BodyMatchResult;
}

/**
 * `rpc.plans.import`: a document (text, or a .docx as base64) becomes a draft plan of the actor's
 * unit. `defaults` fill what the document lacks (a person fixing a failed import). `referenceDate`
 * (local `YYYY-MM-DD`, default today) gives timelines without a year their year when the document
 * has no issue date.
 */
export interface ImportPlanRequest {
  actor: Actor;
  text?: string;
  docxBase64?: string;
  fileName?: string;
  referenceDate?: string;
  defaults?: { symbol?: string; issueDate?: string; title?: string };
}

/** The draft (null when it could not be created: the reasons are among the warnings) and what was read. */
export interface ImportPlanResult {
  plan: PlanView | null;
  document: ImportedPlan;
  matches: BodyMatch[];
  warnings: ImportWarning[];
}
