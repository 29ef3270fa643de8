import type { ReportStatus } from '#contracts';
import type { ReportDelta } from '../rollup/deltas.js';

export type ReportAction = 'draft' | 'submit' | 'accept' | 'return';

export type ActionVerdict =
  | { ok: true; next: ReportStatus }
  | { ok: false; code: 'REPORT.ALREADY_SUBMITTED' | 'REPORT.ALREADY_ACCEPTED' | 'REPORT.NOT_SUBMITTED'; message: string };

/** Received reports count in the roll-up: their figures, their punctuality. */
export const isReceived = (status: ReportStatus) => status === 'submitted' || status === 'resubmitted' || status === 'accepted';

/**
 * The report lifecycle: pending → draft → submitted → accepted, or → returned (with a reason) →
 * resubmitted → accepted | returned … Accepted is final; a submitted report waits for its review
 * (the unit cannot replace it meanwhile, so the upper unit always reviews what it sees).
 */
export function judgeReportAction(status: ReportStatus, action: ReportAction): ActionVerdict {
  switch (action) {
    case 'draft':
      if (status === 'pending' || status === 'draft') return { ok: true, next: 'draft' };
      if (status === 'returned') return { ok: true, next: 'returned' };
      return refuse(status);
    case 'submit':
      if (status === 'pending' || status === 'draft') return { ok: true, next: 'submitted' };
      if (status === 'returned') return { ok: true, next: 'resubmitted' };
      return refuse(status);
    case 'accept':
    case 'return':
      if (status === 'submitted' || status === 'resubmitted') return { ok: true, next: action === 'accept' ? 'accepted' : 'returned' };
      if (status === 'accepted') return { ok: false, code: 'REPORT.ALREADY_ACCEPTED', message: 'Báo cáo đã được duyệt' };
      return { ok: false, code: 'REPORT.NOT_SUBMITTED', message: 'Báo cáo chưa được nộp (hoặc đang chờ đơn vị nộp lại)' };
  }
}

function refuse(status: ReportStatus): ActionVerdict {
  if (status === 'accepted') return { ok: false, code: 'REPORT.ALREADY_ACCEPTED', message: 'Báo cáo đã được duyệt, không thể sửa hay nộp lại' };
  return { ok: false, code: 'REPORT.ALREADY_SUBMITTED', message: 'Báo cáo đã nộp và đang chờ cấp trên xem xét' };
}

export interface ReportState {
  status: ReportStatus;
  /** The first submission was at or before the deadline. */
  onTime: boolean;
}

/**
 * What a status change does to the roll-up counters, and to the figures: a report's figures
 * count while it is received; a returned report's drop out until it is resubmitted.
 */
export function rollupDelta(before: ReportState, after: ReportState): ReportDelta & { figures: 'add' | 'remove' | 'keep' } {
  const r0 = isReceived(before.status) ? 1 : 0;
  const r1 = isReceived(after.status) ? 1 : 0;
  return {
    received: r1 - r0,
    onTime: (r1 && after.onTime ? 1 : 0) - (r0 && before.onTime ? 1 : 0),
    accepted: (after.status === 'accepted' ? 1 : 0) - (before.status === 'accepted' ? 1 : 0),
    returned: (after.status === 'returned' ? 1 : 0) - (before.status === 'returned' ? 1 : 0),
    figures: r1 > r0 ? 'add' : r1 < r0 ? 'remove' : 'keep',
  };
}
