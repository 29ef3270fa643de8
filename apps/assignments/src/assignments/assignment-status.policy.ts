import type { AssignmentStatus } from '#contracts';

/**
 * Which status changes a unit may make on its own assignment. Work only moves forward; "done" is
 * final and needs a result note (what was done), because the upper unit reads it.
 */
const NEXT: Record<AssignmentStatus, AssignmentStatus[]> = {
  new: ['acknowledged', 'in_progress', 'done'],
  acknowledged: ['in_progress', 'done'],
  in_progress: ['done'],
  done: [],
};

export type TransitionVerdict =
  | { ok: true; changed: boolean }
  | { ok: false; code: 'ASSIGNMENT.INVALID_TRANSITION' | 'ASSIGNMENT.RESULT_REQUIRED'; message: string };

const LABEL: Record<AssignmentStatus, string> = {
  new: 'mới',
  acknowledged: 'đã tiếp nhận',
  in_progress: 'đang thực hiện',
  done: 'hoàn thành',
};

export function judgeTransition(from: AssignmentStatus, to: AssignmentStatus, resultNote?: string): TransitionVerdict {
  if (from === to && to !== 'done') return { ok: true, changed: false };
  if (!NEXT[from].includes(to)) {
    return { ok: false, code: 'ASSIGNMENT.INVALID_TRANSITION', message: `Không thể chuyển từ "${LABEL[from]}" sang "${LABEL[to]}"` };
  }
  if (to === 'done' && !resultNote?.trim()) {
    return { ok: false, code: 'ASSIGNMENT.RESULT_REQUIRED', message: 'Cần ghi kết quả thực hiện khi báo hoàn thành' };
  }
  return { ok: true, changed: true };
}
