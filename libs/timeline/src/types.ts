export type ParsedDeadline =
  /** No completion deadline ("Thường xuyên"): progress is reported at the plan's reporting dates. */
  | { kind: 'ongoing' }
  /**
   * One deadline. dueAt: UTC instant of the last millisecond of the local due day;
   * dueDate: that day, local 'YYYY-MM-DD'.
   */
  | { kind: 'fixed'; dueAt: string; dueDate: string }
  /**
   * A deadline that comes back. Yearly: month/day is the local due day each year (for
   * "trước ngày 25/11" that is 24/11). Quarterly: due at each quarter's end, no month/day.
   * nextDueAt/nextDueDate: the first occurrence whose due day is on or after the reference date.
   */
  | {
      kind: 'recurring';
      every: 'year' | 'quarter';
      month?: number;
      day?: number;
      nextDueAt: string;
      nextDueDate: string;
    };

export interface TimelineContext {
  /** Local 'YYYY-MM-DD', normally the plan's issue date: gives texts without a year their year. */
  referenceDate: string;
}
