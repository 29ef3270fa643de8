import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { EventSubjects } from '#contracts';
import { deadlineEvent } from '../../apps/notifications/src/rules/deadline-event.fixture.js';
import type {
  AssignmentPage,
  CreatedWebhook,
  DeliveryDetail,
  DeliveryPage,
  NotificationPage,
  PlanView,
  UnitRecord,
  WebhookPayload,
} from '#contracts';
import {
  ApiClient,
  expectEventually,
  startSmtpServer,
  startSystem,
  startWebhookReceiver,
  type TestSmtpServer,
  type TestSystem,
  type TestWebhookReceiver,
} from '#testing';

const ESCALATED = EventSubjects.assignmentEscalated;

/**
 * Notifications reach people, through the whole system as processes: a plan issued at the
 * province becomes, for each commune's office and secretary, an e-mail in a real SMTP server's
 * mailbox, an inbox item and a signed webhook call; a replayed event tells nobody twice; an
 * escalation reaches the upper unit even when it muted everything; an SMTP outage delays e-mail
 * but loses none.
 *
 * The escalation here is published straight to JetStream in the assignments service's exact shape
 * (test/e2e/escalation.e2e-spec.ts drives real escalations through the policy and timers).
 */
describe('notifications people actually receive', () => {
  let system: TestSystem;
  let smtp: TestSmtpServer;
  let receiver: TestWebhookReceiver;
  const clients: Record<string, ApiClient> = {};
  const units: Record<string, UnitRecord> = {};
  const password = 'e2e-user-password';

  async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: system.db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const mailTo = async (address: string) => (await smtp.messages()).filter((mail) => mail.to.includes(address));

  async function issuePlan(symbol: string, title: string, unitCodes: string[], timeline: string): Promise<PlanView> {
    const plan = await system.api.post<PlanView>('/api/plans', {
      symbol,
      title,
      issuingUnitCode: 'NTP',
      issueDate: '2026-09-20',
      tasks: [{ number: '1', title, implementing: { type: 'units', unitCodes }, timeline }],
    });
    return system.api.post<PlanView>(`/api/plans/${plan.id}/issue`);
  }

  beforeAll(async () => {
    [smtp, receiver] = await Promise.all([startSmtpServer(), startWebhookReceiver()]);
    system = await startSystem({
      SMTP_URL: smtp.url,
      NOTIFICATIONS_BACKOFF_BASE_MS: '300',
      NOTIFICATIONS_BACKOFF_MAX_MS: '1500',
      NOTIFICATIONS_SWEEP_INTERVAL_MS: '2000',
      // The test's webhook receiver listens on loopback, which webhooks may not reach by default.
      NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
    });
    await system.api.post('/api/units/import', {
      rows: [
        { code: 'NTP', name: 'Tỉnh ủy Thông báo', parentCode: 'TW', kind: 'province' },
        { code: 'NC1', name: 'Đảng ủy xã Bình Minh', parentCode: 'NTP', kind: 'commune' },
        { code: 'NC2', name: 'Đảng ủy xã Hoàng Hôn', parentCode: 'NTP', kind: 'commune' },
      ],
    });
    for (const code of ['NTP', 'NC1', 'NC2']) units[code] = await system.api.get<UnitRecord>(`/api/units/${code}`);
    const people: [string, string, string, string | null][] = [
      ['vp.ntp', 'NTP', 'office', 'vp.ntp@tinhuy.vn'],
      ['vp.nc1', 'NC1', 'office', 'vp.nc1@binhminh.vn'],
      ['bt.nc1', 'NC1', 'secretary', 'bt.nc1@binhminh.vn'],
      ['dv.nc1', 'NC1', 'member', 'dv.nc1@binhminh.vn'],
      ['vp.nc2', 'NC2', 'office', 'vp.nc2@hoanghon.vn'],
    ];
    for (const [username, unitCode, role, email] of people) {
      await system.api.post('/api/users', { username, password, fullName: `Đồng chí ${username}`, unitCode, role, email });
      clients[username] = new ApiClient(system.baseUrl);
      await clients[username].login(username, password);
    }
    // The directory publishes users; wait until the notifications service's copy has them.
    await expectEventually(async () => {
      const [{ n }] = await query<{ n: number }>('SELECT count(*)::int AS n FROM notifications.users WHERE email IS NOT NULL');
      expect(n).toBe(people.length);
    });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
    await Promise.all([smtp?.destroy(), receiver?.close()]);
  }, 60_000);

  it('a new assignment arrives as e-mail in the SMTP mailbox, as an inbox item and as a signed webhook', async () => {
    const hook = await clients['vp.nc1']!.post<CreatedWebhook>('/api/notifications/webhooks', { url: receiver.url, description: 'Phần mềm văn phòng xã' });
    expect(hook.secret).toMatch(/^whsec_/);
    // A member may not register webhooks.
    expect((await clients['dv.nc1']!.raw('POST', '/api/notifications/webhooks', { url: receiver.url })).status).toBe(403);

    await issuePlan('12-KH/TU', 'Quán triệt Quy định 144-QĐ/TW', ['NC1', 'NC2'], 'trước ngày 25/12/2026');

    await expectEventually(async () => {
      expect(await mailTo('vp.nc1@binhminh.vn')).toHaveLength(1);
      expect(await mailTo('bt.nc1@binhminh.vn')).toHaveLength(1);
      expect(await mailTo('vp.nc2@hoanghon.vn')).toHaveLength(1);
    }, { timeoutMs: 30_000 });
    const [mail] = await mailTo('vp.nc1@binhminh.vn');
    expect(mail!.subject).toBe('Nhiệm vụ mới: 1. Quán triệt Quy định 144-QĐ/TW (12-KH/TU)');
    expect(mail!.text).toContain('Đơn vị thực hiện: Đảng ủy xã Bình Minh');
    expect(mail!.text).toContain('Đơn vị giao: Tỉnh ủy Thông báo');
    expect(mail!.text).toContain('Thời hạn: 24/12/2026');
    expect(mail!.html).toContain('Đảng ủy xã Bình Minh');
    expect(await mailTo('dv.nc1@binhminh.vn')).toHaveLength(0);

    const inbox = await clients['vp.nc1']!.get<NotificationPage>('/api/notifications');
    expect(inbox).toMatchObject({ total: 1, unread: 1 });
    expect(inbox.items[0]).toMatchObject({ kind: 'assignment.created', subject: mail!.subject, readAt: null, data: { deadline: '24/12/2026' } });
    expect(await clients['vp.nc1']!.get('/api/notifications/unread-count')).toEqual({ unread: 1 });
    await clients['vp.nc1']!.post(`/api/notifications/${inbox.items[0]!.id}/read`);
    expect(await clients['vp.nc1']!.get('/api/notifications/unread-count')).toEqual({ unread: 0 });
    expect((await clients['dv.nc1']!.get<NotificationPage>('/api/notifications')).total).toBe(0);

    await expectEventually(() => expect(receiver.calls).toHaveLength(1));
    const call = receiver.calls[0]!;
    const payload = new Webhook(hook.secret).verify(call.body, call.headers as Record<string, string>) as WebhookPayload;
    expect(payload).toMatchObject({
      type: 'assignment.created',
      data: { unit: { code: 'NC1' }, plan: { symbol: '12-KH/TU' }, task: { number: '1' }, deadline: '24/12/2026' },
    });
  });

  it('the same event published again under another message id tells nobody twice', async () => {
    const [{ envelope }] = await query<{ envelope: { id: string } }>(
      `SELECT o.envelope FROM assignments.outbox o JOIN plans.plans p ON p.id::text = o.envelope->'data'->>'planId'
       WHERE o.subject = 'assignments.assignments.created' AND p.symbol = '12-KH/TU'`,
    );
    const countsBefore = await query<{ n: number }>('SELECT count(*)::int AS n FROM notifications.deliveries WHERE event_id = $1', [envelope.id]);
    const mailsBefore = (await smtp.messages()).length;
    const nc = await connect({ servers: system.nats.url });
    try {
      await jetstream(nc).publish('assignments.assignments.created', JSON.stringify(envelope), { msgID: `replay-${randomUUID()}` });
      const jsm = await jetstreamManager(nc);
      await expectEventually(async () => {
        const info = await jsm.consumers.info(system.env.NATS_STREAM!, 'notifications-assignment-created');
        expect([info.num_pending, info.num_ack_pending]).toEqual([0, 0]);
        expect(info.delivered.consumer_seq).toBeGreaterThanOrEqual(2);
      });
    } finally {
      await nc.close();
    }
    const perRecipient = await query<{ recipient: string; channel: string; n: number }>(
      'SELECT recipient, channel, count(*)::int AS n FROM notifications.deliveries WHERE event_id = $1 GROUP BY 1, 2',
      [envelope.id],
    );
    // vp.nc1, bt.nc1, vp.nc2 by e-mail, NC1's webhook: once each.
    expect(perRecipient).toHaveLength(4);
    expect(perRecipient.every((row) => row.n === 1)).toBe(true);
    expect(await query('SELECT count(*)::int AS n FROM notifications.deliveries WHERE event_id = $1', [envelope.id])).toEqual(countsBefore);
    expect((await smtp.messages()).length).toBe(mailsBefore);
    expect(receiver.calls).toHaveLength(1);
  });

  it('an escalation reaches the upper unit by e-mail and in its inbox, even with everything muted', async () => {
    const office = clients['vp.ntp']!;
    const muted = await office.raw('PUT', '/api/notifications/preferences', { mutedKinds: ['assignment.escalated'] });
    expect(muted.status).toBe(400);
    expect(muted.body).toMatchObject({ code: 'NOTIFICATION.UNMUTABLE' });
    expect(await office.put('/api/notifications/preferences', { email: false, inApp: false })).toMatchObject({ email: false, inApp: false });

    const assignments = await system.api.get<AssignmentPage>('/api/assignments', { unitCode: 'NC1' });
    const late = assignments.items.find((a) => a.plan.symbol === '12-KH/TU')!;
    const envelope = {
      id: randomUUID(),
      type: ESCALATED,
      version: 1,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      data: deadlineEvent({
        kind: 'escalated',
        level: 2,
        plan: late.plan,
        task: { id: late.task.id, number: late.task.number, title: late.task.title },
        assigningUnit: { id: units.NTP!.id, code: 'NTP', name: units.NTP!.name },
        target: { id: units.NTP!.id, code: 'NTP', name: units.NTP!.name },
        role: 'office',
        dueAt: late.dueAt!,
        items: [{ assignmentId: late.id, unit: { id: units.NC1!.id, code: 'NC1', name: units.NC1!.name } }],
      }),
    };
    const nc = await connect({ servers: system.nats.url });
    try {
      await jetstream(nc).publish(ESCALATED, JSON.stringify(envelope), { msgID: envelope.id });
    } finally {
      await nc.close();
    }
    await expectEventually(async () => expect(await mailTo('vp.ntp@tinhuy.vn')).toHaveLength(1), { timeoutMs: 30_000 });
    const [mail] = await mailTo('vp.ntp@tinhuy.vn');
    expect(mail!.subject).toBe('[Khẩn] Nhiệm vụ quá hạn của Đảng ủy xã Bình Minh: 1. Quán triệt Quy định 144-QĐ/TW (12-KH/TU)');
    expect(mail!.text).toContain('đã quá hạn ngày 24/12/2026');
    expect(mail!.text).toContain('Tỉnh ủy Thông báo (lần đôn đốc thứ 2)');
    const inbox = await office.get<NotificationPage>('/api/notifications');
    expect(inbox.items.map((item) => item.kind)).toEqual(['assignment.escalated']);
    expect(inbox.items[0]!.data).toMatchObject({ escalation: { step: 2, targetUnit: { code: 'NTP' } }, unit: { code: 'NC1' } });
  });

  it('an SMTP outage delays e-mail, loses none; the delivery log shows the failed attempts, then sent', async () => {
    await smtp.stop();
    await issuePlan('13-KH/TU', 'Sơ kết giữa nhiệm kỳ', ['NC2'], 'Hoàn thành trong quý IV/2026');
    const office = clients['vp.nc2']!;
    const retrying = await expectEventually(async () => {
      const page = await office.get<DeliveryPage>('/api/notifications/deliveries', { status: 'retrying', channel: 'email' });
      expect(page.items).toHaveLength(1);
      expect(page.items[0]!.attempts).toBeGreaterThanOrEqual(2);
      expect(page.items[0]!.lastError).toMatch(/ECONNREFUSED/);
      return page.items[0]!;
    }, { timeoutMs: 30_000 });
    expect(retrying.subject).toBe('Nhiệm vụ mới: 1. Sơ kết giữa nhiệm kỳ (13-KH/TU)');

    await smtp.start();
    const sent = await expectEventually(async () => {
      const detail = await office.get<DeliveryDetail>(`/api/notifications/deliveries/${retrying.id}`);
      expect(detail.status).toBe('sent');
      return detail;
    }, { timeoutMs: 30_000 });
    expect(sent.history.length).toBe(sent.attempts);
    expect(sent.history.slice(0, -1).every((attempt) => attempt.outcome === 'failed' && /ECONNREFUSED/.test(attempt.error ?? ''))).toBe(true);
    expect(sent.history[sent.history.length - 1]).toMatchObject({ outcome: 'sent', error: null });
    const mails = await mailTo('vp.nc2@hoanghon.vn');
    expect(mails.map((m) => m.subject)).toContain('Nhiệm vụ mới: 1. Sơ kết giữa nhiệm kỳ (13-KH/TU)');
    expect(mails.find((m) => m.subject.includes('13-KH/TU'))!.text).toContain('Thời hạn: 31/12/2026');
  });

  it('a webhook the receiver refused is resent by API once the receiver is fixed', async () => {
    receiver.respondWith(400);
    await issuePlan('14-KH/TU', 'Kiểm tra, giám sát', ['NC1'], 'trước ngày 01/03/2027');
    const office = clients['vp.nc1']!;
    const failed = await expectEventually(async () => {
      const page = await office.get<DeliveryPage>('/api/notifications/deliveries', { status: 'failed', channel: 'webhook' });
      expect(page.items).toHaveLength(1);
      return page.items[0]!;
    }, { timeoutMs: 30_000 });
    expect(failed).toMatchObject({ attempts: 1, lastError: 'HTTP 400: refused', recipient: { url: receiver.url } });
    receiver.respondWith(200);
    expect(await office.post(`/api/notifications/deliveries/${failed.id}/resend`)).toEqual({ resent: 1, ids: [failed.id] });
    await expectEventually(async () => {
      expect((await office.get<DeliveryDetail>(`/api/notifications/deliveries/${failed.id}`)).status).toBe('sent');
    });
    const last = receiver.calls[receiver.calls.length - 1]!;
    expect(last.headers['webhook-id']).toBe(failed.id);
    expect(JSON.parse(last.body)).toMatchObject({ type: 'assignment.created', data: { plan: { symbol: '14-KH/TU' }, deadline: '28/02/2027' } });
  });
});
