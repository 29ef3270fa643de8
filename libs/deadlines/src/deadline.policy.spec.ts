import { transpileForChild, type TimeZoneChild } from '#testing';
import * as timeline from '#timeline';
import * as policyLib from './deadline.policy.js';

/**
 * The decision "what happens now" as a table, with fake time: a timeline text as written and the
 * plan's issue date (→ the deadline, on the working-day calendar), the item's progress, a policy and
 * `now` → the next action. Expected instants are written out by hand in UTC (ICT = UTC+7), not
 * computed by the code under test. The whole table runs again in child processes with other TZs.
 */

const DAY = 86_400_000;
const POLICY = { remindersMs: [7 * DAY, DAY], escalationsMs: [3 * DAY, 7 * DAY, 14 * DAY] };
const BARE = { remindersMs: [], escalationsMs: [] };

interface Row {
  name: string;
  text: string;
  issueDate: string;
  overrides?: timeline.CalendarOverride[];
  policy?: policyLib.DeadlinePolicy;
  /** Default: received on the issue date, 08:00 ICT. */
  receivedAt?: string;
  firedUntil?: string | null;
  escalationLevel?: number;
  now: string;
  expect: { dueAt: string; action: string; at?: string; skipped?: string[] };
}

/** `fire overdue`, `wait reminder:86400`, `none`. */
const T: Row[] = [
  // 23:59:59 vs 00:00 ICT: the deadline is met until the day ends
  {
    name: 'the last second of the due day (23:59:59 ICT) is not late',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-23T16:59:59.999Z',
    now: '2026-12-24T16:59:59.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'wait overdue', at: '2026-12-24T17:00:00.000Z' },
  },
  {
    name: 'nor is its last millisecond',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-23T16:59:59.999Z',
    now: '2026-12-24T16:59:59.999Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'wait overdue', at: '2026-12-24T17:00:00.000Z' },
  },
  {
    name: '00:00 ICT of the next day is late: the overdue notice',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-23T16:59:59.999Z',
    now: '2026-12-24T17:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'fire overdue', at: '2026-12-24T17:00:00.000Z' },
  },
  // 31/12 → 01/01
  {
    name: 'quý IV: still on time at 23:59:59.999 on 31/12',
    text: 'Hoàn thành trong quý IV/2026', issueDate: '2026-11-20', firedUntil: '2026-12-30T16:59:59.999Z',
    now: '2026-12-31T16:59:59.999Z',
    expect: { dueAt: '2026-12-31T16:59:59.999Z', action: 'wait overdue', at: '2026-12-31T17:00:00.000Z' },
  },
  {
    name: 'quý IV: overdue at 00:00 on 01/01 (still 31/12 in UTC)',
    text: 'Hoàn thành trong quý IV/2026', issueDate: '2026-11-20', firedUntil: '2026-12-30T16:59:59.999Z',
    now: '2026-12-31T17:00:00.000Z',
    expect: { dueAt: '2026-12-31T16:59:59.999Z', action: 'fire overdue', at: '2026-12-31T17:00:00.000Z' },
  },
  {
    name: 'quý IV: then the unit’s secretary, 3 days after it became overdue',
    text: 'Hoàn thành trong quý IV/2026', issueDate: '2026-11-20', firedUntil: '2026-12-31T17:00:00.000Z',
    now: '2027-01-01T00:00:00.000Z',
    expect: { dueAt: '2026-12-31T16:59:59.999Z', action: 'wait escalation:1', at: '2027-01-03T17:00:00.000Z' },
  },
  // 29/02/2028
  {
    name: '29/02/2028: the 7-day reminder on 22/02',
    text: 'ngày 29/02/2028', issueDate: '2028-01-10',
    now: '2028-02-22T16:59:59.999Z',
    expect: { dueAt: '2028-02-29T16:59:59.999Z', action: 'fire reminder:604800', at: '2028-02-22T16:59:59.999Z' },
  },
  {
    name: '29/02/2028: the 1-day reminder at the end of 28/02',
    text: 'ngày 29/02/2028', issueDate: '2028-01-10', firedUntil: '2028-02-22T16:59:59.999Z',
    now: '2028-02-23T00:00:00.000Z',
    expect: { dueAt: '2028-02-29T16:59:59.999Z', action: 'wait reminder:86400', at: '2028-02-28T16:59:59.999Z' },
  },
  {
    name: '29/02/2028: overdue at 00:00 on 01/03',
    text: 'ngày 29/02/2028', issueDate: '2028-01-10', firedUntil: '2028-02-28T16:59:59.999Z',
    now: '2028-02-29T17:00:00.000Z',
    expect: { dueAt: '2028-02-29T16:59:59.999Z', action: 'fire overdue', at: '2028-02-29T17:00:00.000Z' },
  },
  // Working days across Tết 2028 (25–29/01): issued Friday 21/01, 5 working days → Thursday 03/02
  {
    name: '5 working days over Tết 2028: not yet due on 03/02 at 23:59:59',
    text: 'trong 5 ngày làm việc kể từ ngày ban hành', issueDate: '2028-01-21', firedUntil: '2028-02-02T16:59:59.999Z',
    now: '2028-02-03T16:59:59.000Z',
    expect: { dueAt: '2028-02-03T16:59:59.999Z', action: 'wait overdue', at: '2028-02-03T17:00:00.000Z' },
  },
  {
    name: '5 working days over Tết 2028: the 7-day reminder falls inside Tết (a duration, not working days)',
    text: 'trong 5 ngày làm việc kể từ ngày ban hành', issueDate: '2028-01-21',
    now: '2028-01-22T00:00:00.000Z',
    expect: { dueAt: '2028-02-03T16:59:59.999Z', action: 'wait reminder:604800', at: '2028-01-27T16:59:59.999Z' },
  },
  {
    name: '5 working days over Tết 2028 with 03/02 declared a day off: due 04/02',
    text: 'trong 5 ngày làm việc kể từ ngày ban hành', issueDate: '2028-01-21',
    overrides: [{ date: '2028-02-03', kind: 'day-off' }], firedUntil: '2028-02-03T16:59:59.999Z',
    now: '2028-02-04T10:00:00.000Z',
    expect: { dueAt: '2028-02-04T16:59:59.999Z', action: 'wait overdue', at: '2028-02-04T17:00:00.000Z' },
  },
  // A time of day
  {
    name: 'before 17:00: on time at 16:59:59.999 ICT',
    text: 'trước 17 giờ ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-24T09:59:59.999Z',
    now: '2026-12-25T09:59:59.999Z',
    expect: { dueAt: '2026-12-25T09:59:59.999Z', action: 'wait overdue', at: '2026-12-25T10:00:00.000Z' },
  },
  {
    name: 'before 17:00: late at 17:00:00 ICT',
    text: 'trước 17 giờ ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-24T09:59:59.999Z',
    now: '2026-12-25T10:00:00.000Z',
    expect: { dueAt: '2026-12-25T09:59:59.999Z', action: 'fire overdue', at: '2026-12-25T10:00:00.000Z' },
  },
  // Catching up: after downtime every escalation still fires, one at a time, in order
  {
    name: 'down for 8 days after the deadline: the overdue notice first, reminders not sent late',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-17T16:59:59.999Z',
    now: '2027-01-01T17:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'fire overdue', at: '2026-12-24T17:00:00.000Z', skipped: ['reminder:86400'] },
  },
  {
    name: 'down for 8 days: then escalation 1 at once',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-24T17:00:00.000Z',
    now: '2027-01-01T17:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'fire escalation:1', at: '2026-12-27T17:00:00.000Z' },
  },
  {
    name: 'down for 8 days: then escalation 2 at once',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-27T17:00:00.000Z', escalationLevel: 1,
    now: '2027-01-01T17:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'fire escalation:2', at: '2026-12-31T17:00:00.000Z' },
  },
  {
    name: 'down for 8 days: escalation 3 waits for its own time',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2026-12-31T17:00:00.000Z', escalationLevel: 2,
    now: '2027-01-01T17:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'wait escalation:3', at: '2027-01-07T17:00:00.000Z' },
  },
  {
    name: 'after escalation 3 nothing is left (never above the issuer)',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', firedUntil: '2027-01-07T17:00:00.000Z', escalationLevel: 3,
    now: '2027-06-01T00:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'none' },
  },
  // Received late or close to the deadline
  {
    name: 'received 3 days before: the 7-day reminder at once',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', receivedAt: '2026-12-21T03:00:00.000Z',
    now: '2026-12-21T03:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'fire reminder:604800', at: '2026-12-17T16:59:59.999Z' },
  },
  {
    name: 'received 12 hours before: only the 1-day reminder',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', receivedAt: '2026-12-24T05:00:00.000Z',
    now: '2026-12-24T05:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'fire reminder:86400', at: '2026-12-23T16:59:59.999Z', skipped: ['reminder:604800'] },
  },
  {
    name: 'received after the deadline: overdue at once, reminders skipped',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', receivedAt: '2027-01-10T03:00:00.000Z',
    now: '2027-01-10T03:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'fire overdue', at: '2026-12-24T17:00:00.000Z', skipped: ['reminder:604800', 'reminder:86400'] },
  },
  {
    name: 'received after the deadline: grace counts from receipt, not from the deadline',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', receivedAt: '2027-01-10T03:00:00.000Z', firedUntil: '2026-12-24T17:00:00.000Z',
    now: '2027-01-10T03:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'wait escalation:1', at: '2027-01-13T03:00:00.000Z' },
  },
  // A recurring yearly deadline: its first occurrence
  {
    name: 'yearly before 25/11: the first occurrence is 24/11/2026',
    text: 'Định kỳ hằng năm (trước ngày 25/11)', issueDate: '2026-10-01',
    now: '2026-10-01T01:00:00.000Z',
    expect: { dueAt: '2026-11-24T16:59:59.999Z', action: 'wait reminder:604800', at: '2026-11-17T16:59:59.999Z' },
  },
  // A policy without reminders or escalations still sends the overdue notice
  {
    name: 'a bare policy: the overdue notice only',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', policy: BARE,
    now: '2026-11-21T00:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'wait overdue', at: '2026-12-24T17:00:00.000Z' },
  },
  {
    name: 'a bare policy: nothing after it',
    text: 'trước ngày 25/12/2026', issueDate: '2026-11-20', policy: BARE, firedUntil: '2026-12-24T17:00:00.000Z',
    now: '2027-03-01T00:00:00.000Z',
    expect: { dueAt: '2026-12-24T16:59:59.999Z', action: 'none' },
  },
];

/**
 * The table's evaluation. It takes the modules as arguments and closes over nothing, so its source
 * runs unchanged in the child processes.
 */
function decideAll(rows: Row[], tl: typeof timeline, lib: typeof policyLib, defaultPolicy: policyLib.DeadlinePolicy) {
  return rows.map((row) => {
    const deadline = tl.parseTimeline(row.text, { referenceDate: row.issueDate, calendar: new tl.WorkingDayCalendar(row.overrides ?? []) });
    const dueAtText = deadline.kind === 'fixed' ? deadline.dueAt : deadline.kind === 'recurring' ? deadline.nextDueAt : null;
    if (!dueAtText) return { dueAt: null, action: 'no deadline' };
    const dueAt = Date.parse(dueAtText);
    const receivedAt = Date.parse(row.receivedAt ?? `${row.issueDate}T01:00:00.000Z`);
    const state = {
      dueAt,
      graceFrom: lib.graceFromFor(dueAt, receivedAt),
      firedUntil: row.firedUntil ? Date.parse(row.firedUntil) : null,
      escalationLevel: row.escalationLevel ?? 0,
    };
    const action = lib.nextAction(state, row.policy ?? defaultPolicy, Date.parse(row.now));
    if (action.type === 'none') return { dueAt: dueAtText, action: 'none' };
    return {
      dueAt: dueAtText,
      action: `${action.type} ${action.step.key}`,
      at: new Date(action.step.at).toISOString(),
      ...(action.type === 'fire' && action.skipped.length ? { skipped: action.skipped.map((s) => s.key) } : {}),
    };
  });
}

describe('deadline policy: what happens now', () => {
  const results = decideAll(T, timeline, policyLib, POLICY);

  it.each(T.map((row, i) => [row.name, i] as const))('%s', (_name, i) => {
    expect(results[i]).toEqual(T[i].expect);
  });

  describe('does not depend on the process time zone', () => {
    let child: TimeZoneChild;
    beforeAll(async () => {
      child = await transpileForChild(['libs/timeline/src', 'libs/deadlines/src/deadline.policy.ts']);
    }, 60_000);
    afterAll(() => child?.remove());

    it.each([
      ['UTC', 0],
      ['Asia/Ho_Chi_Minh', -420],
      ['America/Los_Angeles', 480],
      ['Pacific/Kiritimati', -840],
    ])('gives the same answers with TZ=%s', (tz, januaryOffset) => {
      const run = child.run<unknown[]>(
        tz,
        { timeline: 'libs/timeline/src/index.ts', lib: 'libs/deadlines/src/deadline.policy.ts' },
        `(input) => (${decideAll.toString()})(input.rows, timeline, lib, input.policy)`,
        { rows: T, policy: POLICY },
      );
      expect(run.januaryOffset).toBe(januaryOffset);
      expect(run.output).toEqual(results);
      expect(run.output).toEqual(T.map((row) => row.expect));
    });
  });
});

describe('exactly once, never early', () => {
  const dueAt = Date.parse('2026-12-24T16:59:59.999Z');
  const start = { dueAt, graceFrom: dueAt + 1, firedUntil: null, escalationLevel: 0 };

  it('walks every step once, in order, each at or after its instant, whatever the polling', () => {
    // Poll at random moments (some before, some long after each step); record what fires.
    let state: policyLib.DueItemState = start;
    const fired: { key: string; at: number; now: number }[] = [];
    let now = dueAt - 30 * DAY;
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    while (now < dueAt + 40 * DAY) {
      now += Math.floor(random() * 3 * DAY);
      for (;;) {
        const action = policyLib.nextAction(state, POLICY, now);
        if (action.type !== 'fire') break;
        fired.push({ key: action.step.key, at: action.step.at, now });
        state = policyLib.afterFiring(state, action.step);
      }
    }
    const keys = fired.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(fired.every((f) => f.now >= f.at)).toBe(true);
    expect(keys.filter((k) => !k.startsWith('reminder'))).toEqual(['overdue', 'escalation:1', 'escalation:2', 'escalation:3']);
  });

  it('never repeats an escalation level after the policy changes', () => {
    const afterTwo = { ...start, firedUntil: dueAt + 7 * DAY + 1, escalationLevel: 2 };
    // The new policy's second step falls later than what fired, but level 2 was already told.
    const changed = { remindersMs: [], escalationsMs: [DAY, 10 * DAY, 20 * DAY] };
    const action = policyLib.nextAction(afterTwo, changed, dueAt + 15 * DAY);
    expect(action).toMatchObject({ type: 'wait', step: { key: 'escalation:3', at: dueAt + 1 + 20 * DAY } });
  });

  it('names sub-second reminders apart', () => {
    const keys = policyLib.stepsFor(start, { remindersMs: [1500, 1200, 2000], escalationsMs: [] }).map((step) => step.key);
    expect(keys).toEqual(['reminder:2', 'reminder:1500ms', 'reminder:1200ms', 'overdue']);
  });
});
