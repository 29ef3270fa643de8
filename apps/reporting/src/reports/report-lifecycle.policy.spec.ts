import fc from 'fast-check';
import { REPORT_STATUSES, type ReportStatus } from '#contracts';
import { isReceived, judgeReportAction, rollupDelta, type ReportAction } from './report-lifecycle.policy.js';

describe('report lifecycle', () => {
  it.each<[ReportStatus, ReportAction, ReportStatus]>([
    ['pending', 'draft', 'draft'],
    ['draft', 'draft', 'draft'],
    ['returned', 'draft', 'returned'],
    ['pending', 'submit', 'submitted'],
    ['draft', 'submit', 'submitted'],
    ['returned', 'submit', 'resubmitted'],
    ['submitted', 'accept', 'accepted'],
    ['resubmitted', 'accept', 'accepted'],
    ['submitted', 'return', 'returned'],
    ['resubmitted', 'return', 'returned'],
  ])('%s --%s--> %s', (from, action, next) => {
    expect(judgeReportAction(from, action)).toEqual({ ok: true, next });
  });

  it.each<[ReportStatus, ReportAction, string]>([
    ['submitted', 'submit', 'REPORT.ALREADY_SUBMITTED'],
    ['resubmitted', 'draft', 'REPORT.ALREADY_SUBMITTED'],
    ['accepted', 'submit', 'REPORT.ALREADY_ACCEPTED'],
    ['accepted', 'return', 'REPORT.ALREADY_ACCEPTED'],
    ['pending', 'accept', 'REPORT.NOT_SUBMITTED'],
    ['returned', 'return', 'REPORT.NOT_SUBMITTED'],
    ['draft', 'accept', 'REPORT.NOT_SUBMITTED'],
  ])('refuses %s --%s--> (%s)', (from, action, code) => {
    expect(judgeReportAction(from, action)).toMatchObject({ ok: false, code });
  });

  it('a returned report leaves the received count and takes its figures out; resubmitting brings them back', () => {
    expect(rollupDelta({ status: 'submitted', onTime: true }, { status: 'returned', onTime: true })).toEqual({
      received: -1, onTime: -1, accepted: 0, returned: 1, figures: 'remove',
    });
    expect(rollupDelta({ status: 'returned', onTime: true }, { status: 'resubmitted', onTime: true })).toEqual({
      received: 1, onTime: 1, accepted: 0, returned: -1, figures: 'add',
    });
    expect(rollupDelta({ status: 'resubmitted', onTime: false }, { status: 'accepted', onTime: false })).toEqual({
      received: 0, onTime: 0, accepted: 1, returned: 0, figures: 'keep',
    });
    expect(rollupDelta({ status: 'pending', onTime: false }, { status: 'draft', onTime: false })).toMatchObject({ received: 0, figures: 'keep' });
  });

  /** Any sequence of allowed actions: the counters kept by deltas equal a recount of the final states. */
  it('keeps counters equal to a recount, whatever happens in whatever order', () => {
    const actions: ReportAction[] = ['draft', 'submit', 'accept', 'return'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.constantFrom(...actions), fc.boolean()), { maxLength: 60 }),
        (steps) => {
          const reports = Array.from({ length: 5 }, () => ({ status: 'pending' as ReportStatus, onTime: false, submittedOnce: false }));
          const kept = { received: 0, onTime: 0, accepted: 0, returned: 0, figures: 0 };
          for (const [i, action, early] of steps) {
            const report = reports[i];
            const verdict = judgeReportAction(report.status, action);
            if (!verdict.ok) continue;
            // The first submission decides punctuality, once.
            const onTime = report.submittedOnce ? report.onTime : action === 'submit' ? early : false;
            const delta = rollupDelta({ status: report.status, onTime: report.onTime }, { status: verdict.next, onTime });
            kept.received += delta.received;
            kept.onTime += delta.onTime;
            kept.accepted += delta.accepted;
            kept.returned += delta.returned;
            kept.figures += delta.figures === 'add' ? 1 : delta.figures === 'remove' ? -1 : 0;
            report.submittedOnce ||= action === 'submit';
            Object.assign(report, { status: verdict.next, onTime });
          }
          const received = reports.filter((r) => isReceived(r.status));
          expect(kept).toEqual({
            received: received.length,
            onTime: received.filter((r) => r.onTime).length,
            accepted: reports.filter((r) => r.status === 'accepted').length,
            returned: reports.filter((r) => r.status === 'returned').length,
            figures: received.length,
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('knows every status', () => {
    for (const status of REPORT_STATUSES) for (const action of ['draft', 'submit', 'accept', 'return'] as const) expect(judgeReportAction(status, action)).toBeDefined();
  });
});
