import { judgeTransition } from './assignment-status.policy.js';

describe('judgeTransition', () => {
  it.each([
    ['new', 'acknowledged', undefined, true],
    ['new', 'in_progress', undefined, true],
    ['acknowledged', 'in_progress', undefined, true],
    ['in_progress', 'done', 'Đã quán triệt cho 72 chi bộ', true],
    ['new', 'done', 'xong', true],
  ] as const)('%s → %s is allowed', (from, to, note, changed) => {
    expect(judgeTransition(from, to, note)).toEqual({ ok: true, changed });
  });

  it('treats a repeat of the current status as a no-op', () => {
    expect(judgeTransition('in_progress', 'in_progress')).toEqual({ ok: true, changed: false });
  });

  it.each([
    ['in_progress', 'acknowledged'],
    ['done', 'in_progress'],
    ['done', 'new'],
    ['acknowledged', 'new'],
  ] as const)('%s → %s is refused', (from, to) => {
    expect(judgeTransition(from, to)).toMatchObject({ ok: false, code: 'ASSIGNMENT.INVALID_TRANSITION' });
  });

  it('requires a result note to finish', () => {
    expect(judgeTransition('in_progress', 'done', '  ')).toMatchObject({ ok: false, code: 'ASSIGNMENT.RESULT_REQUIRED' });
  });

  it('never re-finishes a done assignment', () => {
    expect(judgeTransition('done', 'done', 'again')).toMatchObject({ ok: false });
  });
});
