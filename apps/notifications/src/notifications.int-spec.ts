import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Webhook } from 'standardwebhooks';
import { loadConfig, notificationsEnv } from '#config';
import {
  EventSubjects,
  RpcPatterns,
  type Actor,
  type CreatedWebhook,
  type DeliveryDetail,
  type DeliveryPage,
  type NotificationPage,
  type NotificationPreferences,
  type PlanIssuedEvent,
  type ResendResult,
  type UnitRecord,
  type UserRecord,
  type WebhookPayload,
} from '#contracts';
import {
  REPO_ROOT,
  expectEventually,
  startRedisServer,
  startServices,
  startSmtpServer,
  startWebhookReceiver,
  type ServiceTestBed,
  type TestRedisServer,
  type TestSmtpServer,
  type TestWebhookReceiver,
} from '#testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AppModule } from './app.module.js';
import { DIGEST_QUEUE } from './delivery/delivery-queue.js';
import { DIGEST_SCHEDULER_ID } from './digest/digest.scheduler.js';
import { DigestService } from './digest/digest.service.js';
import { SCHEMA, migrations } from './migrations/index.js';
import { deadlineEvent, reportDeadlineEvent } from './rules/deadline-event.fixture.js';

const P = RpcPatterns.notifications;

/**
 * The notifications service in-process on real Postgres, a private NATS, its own Redis (so the
 * test can make Redis lose its jobs) and a real SMTP server process, fed the events its peers
 * publish. Checks who is told, the three channels, templates, preferences, the digest, exactly
 * once under redelivery, permanent failures and resend (API and CLI), and the sweep.
 */
describe('notifications service', () => {
  let bed: ServiceTestBed;
  let nc: NatsConnection;
  let smtp: TestSmtpServer;
  let redis: TestRedisServer;
  let receiver: TestWebhookReceiver;

  const unit = (id: number, code: string, parentId: number | null, path: string, kind: string, name: string): UnitRecord => ({
    id: String(id), code, name, kind, parentId: parentId ? String(parentId) : null, path,
  });
  const unitRef = (u: UnitRecord) => ({ id: u.id, code: u.code, name: u.name });
  const tree = [
    unit(1, 'TW', null, '1', 'central', 'Trung ương'),
    unit(2, 'P', 1, '1.2', 'province', 'Tỉnh ủy Thử nghiệm'),
    unit(3, 'C1', 2, '1.2.3', 'commune', 'Đảng ủy xã Một'),
    unit(4, 'C2', 2, '1.2.4', 'commune', 'Đảng ủy xã Hai'),
  ];
  const user = (username: string, unitId: string, role: UserRecord['role'], email: string | null, active = true): UserRecord => ({
    id: randomUUID(), username, fullName: `Đồng chí ${username}`, email, unitId, role, active, updatedAt: new Date().toISOString(),
  });
  const users = {
    officeP: user('vp.p', '2', 'office', 'vp.p@example.vn'),
    officeC1: user('vp.c1', '3', 'office', 'vp.c1@example.vn'),
    secretaryC1: user('bt.c1', '3', 'secretary', 'bt.c1@example.vn'),
    memberC1: user('dv.c1', '3', 'member', 'dv.c1@example.vn'),
    secretaryC2: user('bt.c2', '4', 'secretary', null),
    retiredC2: user('cu.c2', '4', 'office', 'cu.c2@example.vn', false),
    rejectedC2: user('vp.c2', '4', 'office', 'reject.vp.c2@example.vn'),
  };
  const actor = (u: UserRecord): Actor => {
    const unitOf = tree.find((t) => t.id === u.unitId)!;
    return { userId: u.id, username: u.username, role: u.role, unitId: unitOf.id, unitCode: unitOf.code, unitPath: unitOf.path };
  };
  const admin: Actor = { userId: randomUUID(), username: 'admin', role: 'admin', unitId: '1', unitCode: 'TW', unitPath: '1' };

  const plan: PlanIssuedEvent = {
    plan: { id: randomUUID(), symbol: '301-KH/TU', title: 'Thực hiện Quy định 144-QĐ/TW', issueDate: '2026-09-20' },
    issuer: { id: '2', code: 'P', name: 'Tỉnh ủy Thử nghiệm', path: '1.2' },
    directoryVersion: 1,
    tasks: [
      {
        id: randomUUID(), number: '1', title: 'Quán triệt chuẩn mực đạo đức', timeline: 'trước ngày 25/12/2026',
        deadline: { kind: 'fixed', dueAt: '2026-12-24T16:59:59.999Z', dueDate: '2026-12-24' }, dueAt: '2026-12-24T16:59:59.999Z',
        target: { type: 'direct-subordinates' }, parentAssignmentId: null,
      },
      {
        id: randomUUID(), number: '2', title: 'Sơ kết', timeline: 'Thường xuyên', deadline: { kind: 'ongoing' }, dueAt: null,
        target: { type: 'direct-subordinates' }, parentAssignmentId: null,
      },
    ],
  };
  const assignmentC1 = randomUUID();
  const assignmentC2 = randomUUID();

  async function publish(subject: string, data: unknown, id: string = randomUUID()) {
    const envelope = { id, type: subject, version: 1, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: null, data };
    await jetstream(nc).publish(subject, JSON.stringify(envelope), { msgID: randomUUID() });
    return envelope;
  }
  const query = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => bed.dataSource.query(sql, params);
  const mailTo = async (address: string) => (await smtp.messages()).filter((mail) => mail.to.includes(address));
  const deliveriesOf = (eventId: string) =>
    query<{ channel: string; recipient: string; status: string; attempts: number; last_error: string | null; id: string }>(
      'SELECT id::text, channel, recipient, status, attempts, last_error FROM deliveries WHERE event_id = $1 ORDER BY channel, recipient',
      [eventId],
    );
  const drained = async (durable: string) => {
    const jsm = await jetstreamManager(nc);
    await expectEventually(async () => {
      const info = await jsm.consumers.info(bed.config.NATS_STREAM, durable);
      expect([info.num_pending, info.num_ack_pending]).toEqual([0, 0]);
    });
  };

  beforeAll(async () => {
    [smtp, redis, receiver] = await Promise.all([startSmtpServer(), startRedisServer({ appendOnly: false }), startWebhookReceiver()]);
    bed = await startServices(
      [{ name: 'notifications', schema: SCHEMA, migrations, module: (env) => AppModule.forRoot(loadConfig(notificationsEnv, env)) }],
      {
        REDIS_URL: redis.url,
        SMTP_URL: smtp.url,
        NOTIFICATIONS_BACKOFF_BASE_MS: '100',
        NOTIFICATIONS_BACKOFF_MAX_MS: '400',
        NOTIFICATIONS_SWEEP_INTERVAL_MS: '1000',
        // The test's webhook receiver listens on loopback, which webhooks may not reach by default.
        NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
      },
    );
    nc = await connect({ servers: bed.nats.url });
    await publish(EventSubjects.unitsUpserted, { directoryVersion: 1, chunk: 0, chunkCount: 1, units: tree });
    await publish(EventSubjects.usersUpserted, { users: Object.values(users) });
    await publish(EventSubjects.planIssued, plan);
    await expectEventually(async () => {
      const [{ n }] = await query('SELECT count(*)::int AS n FROM users');
      const [{ t }] = await query('SELECT count(*)::int AS t FROM tasks');
      expect([n, t]).toEqual([Object.keys(users).length, 2]);
    });
  }, 60_000);

  afterAll(async () => {
    await nc?.close();
    await bed?.close();
    await Promise.all([smtp?.destroy(), redis?.stop(), receiver?.close()]);
  });

  it('tells the office and secretary of each assigned unit: inbox, e-mail and a signed webhook', async () => {
    // Not into the deployment's own network (a cloud metadata service here), whatever the allow-list does not name.
    const internal = await bed.rpcError(P.createWebhook, { actor: actor(users.officeC1), url: 'http://169.254.169.254/latest/meta-data/' });
    expect(internal).toMatchObject({ status: 400, fields: [{ path: 'url', message: expect.stringContaining('mạng nội bộ') }] });
    const hook = await bed.rpc<CreatedWebhook>(P.createWebhook, { actor: actor(users.officeC1), url: receiver.url, description: 'Hệ thống xã' });
    expect(hook).toMatchObject({ unit: { code: 'C1' }, active: true, secret: expect.stringMatching(/^whsec_/) });

    const created = await publish(EventSubjects.assignmentsCreated, {
      planId: plan.plan.id,
      taskId: plan.tasks[0]!.id,
      assignments: [
        { id: assignmentC1, unitId: '3', dueAt: '2026-12-24T16:59:59.999Z' },
        { id: assignmentC2, unitId: '4', dueAt: '2026-12-24T16:59:59.999Z' },
      ],
    });

    await expectEventually(async () => expect(await mailTo('vp.c1@example.vn')).toHaveLength(1), { timeoutMs: 20_000 });
    await expectEventually(async () => expect(await mailTo('bt.c1@example.vn')).toHaveLength(1));
    const [mail] = await mailTo('vp.c1@example.vn');
    expect(mail!.subject).toBe('Nhiệm vụ mới: 1. Quán triệt chuẩn mực đạo đức (301-KH/TU)');
    expect(mail!.text).toContain('Kính gửi đồng chí Đồng chí vp.c1');
    expect(mail!.text).toContain('Kế hoạch: 301-KH/TU – Thực hiện Quy định 144-QĐ/TW');
    expect(mail!.text).toContain('Đơn vị thực hiện: Đảng ủy xã Một');
    expect(mail!.text).toContain('Đơn vị giao: Tỉnh ủy Thử nghiệm');
    expect(mail!.text).toContain('Thời hạn: 24/12/2026');
    expect(mail!.html).toContain('<b>24/12/2026</b>');
    expect(mail!.messageId).toMatch(/@trienkhai\.notifications>$/);

    // The member, the inactive user and the secretary without an address get no e-mail.
    const rows = await deliveriesOf(created.id);
    const byRecipient = Object.fromEntries(rows.map((row) => [`${row.channel}:${row.recipient}`, row]));
    expect(Object.keys(byRecipient).sort()).toEqual(
      [`email:${users.officeC1.id}`, `email:${users.secretaryC1.id}`, `email:${users.rejectedC2.id}`, `webhook:${hook.id}`].sort(),
    );
    const inbox = await bed.rpc<NotificationPage>(P.list, { actor: actor(users.secretaryC2) });
    expect(inbox.items.map((item) => item.kind)).toEqual(['assignment.created']);
    expect(inbox.items[0]!.data).toMatchObject({ assignmentId: assignmentC2, unit: { code: 'C2' }, deadline: '24/12/2026' });
    expect((await bed.rpc<NotificationPage>(P.list, { actor: actor(users.memberC1) })).total).toBe(0);

    // The webhook: one call for C1, verifiable with the secret, idempotency key = delivery id.
    await expectEventually(() => expect(receiver.calls).toHaveLength(1));
    const call = receiver.calls[0]!;
    const verified = new Webhook(hook.secret).verify(call.body, call.headers as Record<string, string>) as WebhookPayload;
    expect(verified).toMatchObject({ type: 'assignment.created', data: { eventId: created.id, assignmentId: assignmentC1, unit: { code: 'C1' } } });
    expect(call.headers['webhook-id']).toBe(byRecipient[`webhook:${hook.id}`]!.id);
    expect(() => new Webhook(hook.secret).verify(call.body.replace('C1', 'C9'), call.headers as Record<string, string>)).toThrow();

    // A refused address fails at once, for good, with the SMTP reason.
    await expectEventually(async () => {
      const [row] = (await deliveriesOf(created.id)).filter((d) => d.recipient === users.rejectedC2.id);
      expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('550') });
    });
  });

  it('an event delivered again, or published again under another message id, tells nobody twice', async () => {
    const [{ envelope }] = await query(
      `SELECT jsonb_build_object('id', event_id) AS envelope FROM notifications WHERE kind = 'assignment.created' LIMIT 1`,
    );
    const eventId = envelope.id as string;
    const before = await deliveriesOf(eventId);
    const data = {
      planId: plan.plan.id,
      taskId: plan.tasks[0]!.id,
      assignments: [
        { id: assignmentC1, unitId: '3', dueAt: '2026-12-24T16:59:59.999Z' },
        { id: assignmentC2, unitId: '4', dueAt: '2026-12-24T16:59:59.999Z' },
      ],
    };
    await publish(EventSubjects.assignmentsCreated, data, eventId);
    await publish(EventSubjects.assignmentsCreated, data, eventId);
    await drained('notifications-assignment-created');
    expect(await deliveriesOf(eventId)).toHaveLength(before.length);
    const [{ n }] = await query('SELECT count(*)::int AS n FROM notifications WHERE event_id = $1', [eventId]);
    expect(n).toBe(4);
    expect(await mailTo('vp.c1@example.vn')).toHaveLength(1);
    expect(receiver.calls).toHaveLength(1);
  });

  it('keeps an inbox per user: unread count, mark read, mark all read, pages', async () => {
    const me = actor(users.officeC1);
    const page = await bed.rpc<NotificationPage>(P.list, { actor: me, pageSize: 1 });
    expect(page).toMatchObject({ total: 1, unread: 1, page: 1, pageSize: 1 });
    const item = page.items[0]!;
    expect(item.subject).toContain('301-KH/TU');
    // Someone else's item is not found.
    expect(await bed.rpcError(P.markRead, { actor: actor(users.secretaryC1), notificationId: item.id })).toMatchObject({
      status: 404,
      code: 'NOTIFICATION.NOT_FOUND',
    });
    const read = await bed.rpc<{ readAt: string }>(P.markRead, { actor: me, notificationId: item.id });
    expect(read.readAt).toEqual(expect.any(String));
    expect(await bed.rpc(P.unreadCount, { actor: me })).toEqual({ unread: 0 });
    expect((await bed.rpc<NotificationPage>(P.list, { actor: me, unreadOnly: true })).total).toBe(0);
    expect(await bed.rpc(P.markAllRead, { actor: actor(users.secretaryC1) })).toEqual({ marked: 1, unread: 0 });
  });

  it('tells the unit that gave the work when it is reported done', async () => {
    await publish(EventSubjects.assignmentStatusChanged, {
      assignmentId: assignmentC1, planId: plan.plan.id, taskId: plan.tasks[0]!.id, unitId: '3',
      from: 'in_progress', to: 'done', resultNote: 'Đã quán triệt đến 100% đảng viên', changedBy: users.officeC1.id,
    });
    await expectEventually(async () => expect(await mailTo('vp.p@example.vn')).toHaveLength(1));
    const [mail] = await mailTo('vp.p@example.vn');
    expect(mail!.subject).toBe('Đã hoàn thành: 1. Quán triệt chuẩn mực đạo đức (301-KH/TU) – Đảng ủy xã Một');
    expect(mail!.text).toContain('Kết quả: Đã quán triệt đến 100% đảng viên');
  });

  it('applies preferences: muted kinds, digest mode; escalations cannot be muted and always arrive', async () => {
    const secretary = actor(users.secretaryC1);
    const refused = await bed.rpcError(P.updatePreferences, { actor: secretary, mutedKinds: ['assignment.escalated'] });
    expect(refused).toMatchObject({ status: 400, code: 'NOTIFICATION.UNMUTABLE', fields: [{ path: 'mutedKinds' }] });
    const prefs = await bed.rpc<NotificationPreferences>(P.updatePreferences, {
      actor: secretary,
      emailMode: 'digest',
      mutedKinds: ['assignment.due-soon'],
    });
    expect(prefs).toEqual({ inApp: true, email: true, emailMode: 'digest', mutedKinds: ['assignment.due-soon'] });
    // The province office turns everything off.
    await bed.rpc(P.updatePreferences, { actor: actor(users.officeP), inApp: false, email: false });

    const common = {
      plan: { id: plan.plan.id, symbol: plan.plan.symbol, title: plan.plan.title },
      task: { id: plan.tasks[0]!.id, number: plan.tasks[0]!.number, title: plan.tasks[0]!.title },
      assigningUnit: unitRef(tree[1]!),
      dueAt: '2026-12-24T16:59:59.999Z',
      items: [{ assignmentId: assignmentC1, unit: unitRef(tree[2]!) }],
    };
    const dueSoon = await publish(EventSubjects.assignmentDueSoon, deadlineEvent({ ...common, kind: 'due-soon', target: unitRef(tree[2]!), role: 'office' }));
    const overdue = await publish(EventSubjects.assignmentOverdue, deadlineEvent({ ...common, kind: 'overdue', target: unitRef(tree[2]!), role: 'office' }));
    const escalated = await publish(
      EventSubjects.assignmentEscalated,
      deadlineEvent({ ...common, kind: 'escalated', level: 2, target: unitRef(tree[1]!), role: 'office' }),
    );

    // Arrival order across consumers is not guaranteed: compare sorted.
    await expectEventually(async () =>
      expect((await mailTo('vp.c1@example.vn')).map((m) => m.subject).sort()).toEqual([
        'Nhiệm vụ mới: 1. Quán triệt chuẩn mực đạo đức (301-KH/TU)',
        'Quá hạn: 1. Quán triệt chuẩn mực đạo đức (301-KH/TU)',
        'Sắp đến hạn 24/12/2026: 1. Quán triệt chuẩn mực đạo đức (301-KH/TU)',
      ]),
      { timeoutMs: 20_000 },
    );

    // Escalation reaches the province office despite it having turned both channels off.
    await expectEventually(async () => expect(await mailTo('vp.p@example.vn')).toHaveLength(2));
    const escalationMail = (await mailTo('vp.p@example.vn')).find((m) => m.subject.startsWith('[Khẩn]'))!;
    expect(escalationMail.subject).toBe('[Khẩn] Nhiệm vụ quá hạn của Đảng ủy xã Một: 1. Quán triệt chuẩn mực đạo đức (301-KH/TU)');
    expect(escalationMail.text).toContain('Tỉnh ủy Thử nghiệm (lần đôn đốc thứ 2)');
    const provinceInbox = await bed.rpc<NotificationPage>(P.list, { actor: actor(users.officeP) });
    // In-app was turned off after the completion notice: only the escalation is new in the inbox.
    expect(provinceInbox.items.map((item) => item.kind)).toEqual(['assignment.escalated', 'assignment.completed']);

    // The secretary: nothing for the muted due-soon; the overdue waits for the digest.
    await drained('notifications-assignment-overdue');
    await expectEventually(async () =>
      expect((await deliveriesOf(dueSoon.id)).filter((row) => row.channel === 'email')).toEqual([
        expect.objectContaining({ recipient: users.officeC1.id, status: 'sent' }),
      ]),
    );
    const overdueRows = await deliveriesOf(overdue.id);
    expect(overdueRows.find((row) => row.recipient === users.secretaryC1.id)).toMatchObject({ status: 'pending-digest' });
    expect((await deliveriesOf(escalated.id)).map((row) => row.recipient)).toEqual([users.officeP.id]);

    // The day's digest: one e-mail listing the waiting items, and only once.
    const digest = bed.apps[0]!.get(DigestService);
    expect(await digest.run(new Date('2026-12-25T10:00:00Z'))).toBe(1);
    expect(await digest.run(new Date('2026-12-25T10:00:00Z'))).toBe(0);
    await expectEventually(async () => {
      const digests = (await mailTo('bt.c1@example.vn')).filter((m) => m.subject.startsWith('Tổng hợp'));
      expect(digests).toHaveLength(1);
      expect(digests[0]!.subject).toBe('Tổng hợp thông báo ngày 25/12/2026: 1 thông báo');
      expect(digests[0]!.text).toContain('* Nhiệm vụ quá hạn: Quá hạn: 1. Quán triệt chuẩn mực đạo đức (301-KH/TU)');
    });
    expect((await deliveriesOf(overdue.id)).find((row) => row.recipient === users.secretaryC1.id)).toMatchObject({ status: 'digested' });
  });

  it('shows the delivery log in scope and resends failed deliveries by API', async () => {
    const c2 = actor(users.rejectedC2);
    const failed = await bed.rpc<DeliveryPage>(P.listDeliveries, { actor: c2, status: 'failed' });
    expect(failed.items).toHaveLength(1);
    const delivery = failed.items[0]!;
    expect(delivery).toMatchObject({ channel: 'email', kind: 'assignment.created', attempts: 1, unit: { code: 'C2' } });
    // C1 cannot see C2's deliveries; the province (above both) can.
    expect((await bed.rpc<DeliveryPage>(P.listDeliveries, { actor: actor(users.officeC1), status: 'failed' })).total).toBe(0);
    expect((await bed.rpc<DeliveryPage>(P.listDeliveries, { actor: actor(users.officeP), status: 'failed' })).total).toBe(1);
    expect(await bed.rpcError(P.getDelivery, { actor: actor(users.officeC1), deliveryId: delivery.id })).toMatchObject({ status: 404 });

    // The address is fixed in the directory; the failed e-mail is resent.
    await publish(EventSubjects.usersUpserted, { users: [{ ...users.rejectedC2, email: 'vp.c2@example.vn', updatedAt: new Date().toISOString() }] });
    await drained('notifications-directory-users');
    expect(await bed.rpcError(P.resendDeliveries, { actor: actor(users.memberC1) })).toMatchObject({ status: 403 });
    const resent = await bed.rpc<ResendResult>(P.resendDeliveries, { actor: c2, deliveryIds: [delivery.id] });
    expect(resent).toEqual({ resent: 1, ids: [delivery.id] });
    await expectEventually(async () => expect(await mailTo('vp.c2@example.vn')).toHaveLength(1));
    const detail = await bed.rpc<DeliveryDetail>(P.getDelivery, { actor: c2, deliveryId: delivery.id });
    expect(detail).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(detail.history).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'failed', error: expect.stringContaining('550') }),
      expect.objectContaining({ attempt: 2, outcome: 'sent', error: null }),
    ]);
  });

  it('resends by CLI what a refusing webhook receiver failed', async () => {
    receiver.respondWith(410);
    const event = await publish(EventSubjects.reportReturned, {
      reportId: randomUUID(), planId: plan.plan.id, obligationId: randomUUID(), obligationCode: 'BC1', periodKey: '2026', unitId: '3',
      dueAt: '2026-11-24T16:59:59.999Z', version: 1, reviewedBy: 'u', reviewerUnitId: '2', reason: 'Thiếu số liệu',
    });
    await expectEventually(async () => {
      const webhook = (await deliveriesOf(event.id)).find((row) => row.channel === 'webhook');
      expect(webhook).toMatchObject({ status: 'failed', attempts: 1, last_error: 'HTTP 410: refused' });
    });
    receiver.respondWith(200);
    const cli = join(REPO_ROOT, 'dist', 'apps', 'notifications', 'src', 'cli', 'resend-deliveries.js');
    const { stdout } = await promisify(execFile)(process.execPath, [cli, '--all', '--unit', 'C1'], {
      env: { ...process.env, DATABASE_URL: bed.db.url },
    });
    expect(stdout).toMatch(/^resent 1 failed deliveries/);
    await expectEventually(async () => {
      const webhook = (await deliveriesOf(event.id)).find((row) => row.channel === 'webhook');
      expect(webhook).toMatchObject({ status: 'sent', attempts: 2 });
    });
    const last = receiver.calls[receiver.calls.length - 1]!;
    expect(JSON.parse(last.body)).toMatchObject({ type: 'report.returned', data: { note: 'Thiếu số liệu', plan: { symbol: '301-KH/TU' } } });
  });

  it('schedules the daily digest at the configured local time', async () => {
    const connection = new Redis(redis.url);
    const queue = new Queue(DIGEST_QUEUE, { connection, prefix: bed.config.QUEUE_PREFIX });
    try {
      const scheduler = await expectEventually(async () => {
        const found = await queue.getJobScheduler(DIGEST_SCHEDULER_ID);
        expect(found).toBeTruthy();
        return found!;
      });
      expect(scheduler).toMatchObject({ pattern: '0 17 * * *', tz: 'Asia/Ho_Chi_Minh' });
      // The next run is 17:00 in Viet Nam, i.e. 10:00 UTC.
      expect(new Date(scheduler.next!).getUTCHours()).toBe(10);
    } finally {
      await queue.close();
      await connection.quit();
    }
  });

  it('retries through an SMTP outage, and finds again the jobs Redis lost', async () => {
    await smtp.stop();
    const event = await publish(
      EventSubjects.assignmentOverdue,
      deadlineEvent({
        kind: 'overdue',
        plan: { id: plan.plan.id, symbol: plan.plan.symbol, title: plan.plan.title },
        task: { id: plan.tasks[0]!.id, number: plan.tasks[0]!.number, title: plan.tasks[0]!.title },
        assigningUnit: unitRef(tree[1]!),
        target: unitRef(tree[3]!),
        role: 'office',
        dueAt: '2026-12-24T16:59:59.999Z',
        items: [{ assignmentId: assignmentC2, unit: unitRef(tree[3]!) }],
      }),
    );
    await expectEventually(async () => {
      const [row] = await deliveriesOf(event.id);
      expect(row).toMatchObject({ status: 'retrying', last_error: expect.stringMatching(/ECONNREFUSED|ECONNECTION/) });
      expect(row!.attempts).toBeGreaterThanOrEqual(2);
    }, { timeoutMs: 20_000 });

    // Redis goes away with every job in it; SMTP comes back. The sweep (every second here) finds
    // the delivery whose job is gone and queues it again.
    await redis.stop();
    await redis.start();
    await smtp.start();
    await expectEventually(async () => {
      const [row] = await deliveriesOf(event.id);
      expect(row).toMatchObject({ status: 'sent' });
    }, { timeoutMs: 30_000 });
    const history = await query<{ outcome: string }>(
      'SELECT outcome FROM delivery_attempts WHERE delivery_id = (SELECT id FROM deliveries WHERE event_id = $1) ORDER BY attempt',
      [event.id],
    );
    expect(history.length).toBeGreaterThanOrEqual(3);
    expect(history.slice(0, -1).every((row) => row.outcome === 'failed')).toBe(true);
    expect(history[history.length - 1]).toEqual({ outcome: 'sent' });
    expect(await mailTo('vp.c2@example.vn')).toHaveLength(2);
  }, 120_000);

  it('report deadlines: an overdue report reaches the reporting unit once; its escalation ignores preferences', async () => {
    // Earlier tests left the C1 secretary on the digest: back to immediate e-mails, nothing muted.
    await bed.rpc(P.updatePreferences, { actor: actor(users.secretaryC1), emailMode: 'immediate', mutedKinds: [] });
    const report = (kind: 'overdue' | 'escalated', target: UnitRecord, units: UnitRecord[]) =>
      reportDeadlineEvent({
        kind, level: kind === 'escalated' ? 2 : undefined, role: 'office', target: unitRef(target),
        plan: { id: plan.plan.id, symbol: plan.plan.symbol, title: plan.plan.title },
        obligation: { id: randomUUID(), code: 'BC1', title: 'Báo cáo sơ kết 6 tháng' },
        period: { key: '2026-H1', label: '6 tháng đầu năm 2026' },
        receivingUnit: unitRef(tree[1]!), dueAt: '2026-07-10T16:59:59.999Z',
        items: units.map((u) => ({ reportId: randomUUID(), unit: unitRef(u) })),
      });
    const overdueSubject = 'Quá hạn nộp báo cáo: BC1 – Báo cáo sơ kết 6 tháng, 6 tháng đầu năm 2026 (301-KH/TU)';
    const reportMails = async (address: string, subject: string) => (await mailTo(address)).filter((m) => m.subject === subject);

    const data = report('overdue', tree[2]!, [tree[2]!]);
    const overdue = await publish(EventSubjects.reportOverdue, data);
    await expectEventually(async () => {
      expect(await reportMails('vp.c1@example.vn', overdueSubject)).toHaveLength(1);
      expect(await reportMails('bt.c1@example.vn', overdueSubject)).toHaveLength(1);
    }, { timeoutMs: 20_000 });
    const [mail] = await reportMails('vp.c1@example.vn', overdueSubject);
    expect(mail!.text).toContain('Báo cáo của Đảng ủy xã Một đã quá hạn nộp ngày 10/07/2026 mà chưa được gửi.');
    expect(mail!.text).toContain('Kỳ báo cáo: 6 tháng đầu năm 2026');
    expect(mail!.text).toContain('Nơi nhận báo cáo: Tỉnh ủy Thử nghiệm');
    const inbox = await bed.rpc<NotificationPage>(P.list, { actor: actor(users.officeC1) });
    expect(inbox.items[0]).toMatchObject({
      kind: 'report.overdue', subject: overdueSubject,
      data: { assignmentId: null, task: null, unit: { code: 'C1' }, report: { id: data.items[0]!.reportId, obligation: { code: 'BC1' }, count: 1 } },
    });
    // C1's webhook (registered in the first test) hears it too, with the report's facts.
    await expectEventually(() =>
      expect(receiver.calls.map((call) => JSON.parse(call.body) as WebhookPayload).find((body) => body.type === 'report.overdue')).toMatchObject({
        data: { eventId: overdue.id, report: { period: { key: '2026-H1' } } },
      }),
    );

    // The same event delivered again (same envelope id, new message ids): nobody is told twice.
    const before = await deliveriesOf(overdue.id);
    await publish(EventSubjects.reportOverdue, data, overdue.id);
    await publish(EventSubjects.reportOverdue, data, overdue.id);
    await drained('notifications-report-overdue');
    expect(await deliveriesOf(overdue.id)).toHaveLength(before.length);
    const [{ n }] = await query('SELECT count(*)::int AS n FROM notifications WHERE event_id = $1', [overdue.id]);
    expect(n).toBe(2);
    expect(await reportMails('vp.c1@example.vn', overdueSubject)).toHaveLength(1);

    // The province office turns everything off and mutes report notices; muting the escalation is
    // refused, and even a stored preference naming it (the policy must not trust the row) is ignored.
    const office = actor(users.officeP);
    expect(await bed.rpcError(P.updatePreferences, { actor: office, mutedKinds: ['report.escalated'] })).toMatchObject({
      status: 400, code: 'NOTIFICATION.UNMUTABLE',
    });
    await bed.rpc(P.updatePreferences, { actor: office, inApp: false, email: false, mutedKinds: ['report.due-soon', 'report.overdue'] });
    await query(`UPDATE preferences SET muted_kinds = muted_kinds || '{report.escalated}' WHERE user_id = $1`, [users.officeP.id]);

    const escalated = await publish(EventSubjects.reportEscalated, report('escalated', tree[1]!, [tree[2]!, tree[3]!]));
    const escalationSubject = '[Khẩn] Báo cáo chưa nộp quá hạn của 2 đơn vị: BC1 – Báo cáo sơ kết 6 tháng, 6 tháng đầu năm 2026 (301-KH/TU)';
    await expectEventually(async () => expect(await reportMails('vp.p@example.vn', escalationSubject)).toHaveLength(1), { timeoutMs: 20_000 });
    expect((await reportMails('vp.p@example.vn', escalationSubject))[0]!.text).toContain('Tỉnh ủy Thử nghiệm (lần đôn đốc thứ 2)');
    expect((await bed.rpc<NotificationPage>(P.list, { actor: office })).items[0]).toMatchObject({
      kind: 'report.escalated', data: { unit: { code: 'P' }, escalation: { step: 2 }, report: { id: null, count: 2 } },
    });
    const [urgent] = await query('SELECT recipient, urgent FROM deliveries WHERE event_id = $1', [escalated.id]);
    expect(urgent).toEqual({ recipient: users.officeP.id, urgent: true });
  });
});
