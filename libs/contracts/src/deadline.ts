/**
 * A timeline text ("Hoàn thành trong quý IV/2024") parsed into a structured deadline. Instants are
 * UTC ISO strings of the last millisecond of the local (Asia/Ho_Chi_Minh) due day, or the
 * millisecond before a time of day the text names ("trước 17 giờ ngày 25/12/2024"); an assignment
 * is overdue when now > dueAt. `dueDate` is the same day as a local calendar date.
 */
export type Deadline =
  | { kind: 'ongoing' }
  | {
      kind: 'fixed';
      dueAt: string;
      dueDate: string;
      /** "trong 10 ngày làm việc": counted on the working-day calendar from `from` (local date). */
      workingDays?: { count: number; from: string };
    }
  | {
      kind: 'recurring';
      every: 'year' | 'quarter';
      month?: number;
      day?: number;
      nextDueAt: string;
      nextDueDate: string;
    };

/** The instant the first (or only) occurrence falls due, or null for ongoing work. */
export function firstDueAt(deadline: Deadline): string | null {
  if (deadline.kind === 'fixed') return deadline.dueAt;
  if (deadline.kind === 'recurring') return deadline.nextDueAt;
  return null;
}
