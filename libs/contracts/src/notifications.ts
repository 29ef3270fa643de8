import type { Actor } from './actor.js';
import type { Page, PageQuery } from './page.js';

/**
 * What a notification is about. Each kind has its own templates (the kind is the template key) and
 * its own rule for who is told. PERMANENT once released: stored in inboxes, preferences and
 * webhook payloads (`type`).
 */
export const NOTIFICATION_KINDS = [
  'assignment.created',
  'assignment.completed',
  'assignment.due-soon',
  'assignment.overdue',
  'assignment.escalated',
  'report.returned',
  'report.accepted',
  'extension.decided',
  'report.due-soon',
  'report.overdue',
  'report.escalated',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds nobody can mute: they reach in-app and e-mail at once, whatever the preferences say. */
export const UNMUTABLE_KINDS: readonly NotificationKind[] = ['assignment.escalated', 'report.escalated'];

export interface NotificationUnit {
  id: string;
  code: string;
  name: string;
}

/**
 * The facts a notification carries: what its templates render, what the inbox shows and what a
 * webhook receives. Dates are UTC instants; `deadline` is the same day as Vietnamese text
 * (dd/mm/yyyy), or null for ongoing work.
 */
export interface NotificationData {
  assignmentId: string | null;
  plan: { id: string; symbol: string; title: string } | null;
  task: { id: string; number: string; title: string; timeline: string | null } | null;
  /** The unit whose work it is (the implementing unit). */
  unit: NotificationUnit;
  /** The unit that gave the work (the plan's issuer), when known; for a report, the unit it is addressed to. */
  assigner: NotificationUnit | null;
  dueAt: string | null;
  deadline: string | null;
  /** A result note, a reviewer's remark or an extension decision's reason. */
  note: string | null;
  escalation: { step: number; targetUnit: NotificationUnit } | null;
  extension: { approved: boolean; newDueAt: string | null; newDeadline: string | null } | null;
  /**
   * The expected report(s) a report deadline notice is about (`report.due-soon|overdue|escalated`);
   * null for every other kind. Absent from notifications stored before these kinds existed.
   */
  report?: NotificationReport | null;
}

/** One obligation and period; `id` names the report when the notice is about one, else null (`count` reports). */
export interface NotificationReport {
  id: string | null;
  obligation: { code: string; title: string };
  period: { key: string; label: string };
  count: number;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  subject: string;
  text: string;
  html: string;
  data: NotificationData;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage extends Page<NotificationView> {
  /** The caller's unread count, whatever the filter. */
  unread: number;
}

export interface ListNotificationsRequest extends PageQuery {
  actor: Actor;
  unreadOnly?: boolean;
}

export interface MarkReadRequest {
  actor: Actor;
  notificationId: string;
}

export interface ActorRequest {
  actor: Actor;
}

export interface UnreadCount {
  unread: number;
}

export const EMAIL_MODES = ['immediate', 'digest'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/**
 * One user's choices. Turning a channel off or muting a kind silences everything except
 * UNMUTABLE_KINDS (escalations), which always arrive in-app and by e-mail at once, even in digest
 * mode; asking to mute one of them is refused (400 NOTIFICATION.UNMUTABLE).
 */
export interface NotificationPreferences {
  inApp: boolean;
  email: boolean;
  /** `digest`: non-urgent e-mails are folded into one e-mail a day (NOTIFICATIONS_DIGEST_TIME). */
  emailMode: EmailMode;
  mutedKinds: NotificationKind[];
}

export interface UpdatePreferencesRequest extends Partial<NotificationPreferences> {
  actor: Actor;
}

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/**
 * `pending-digest` waits for the day's digest and becomes `digested` when folded into one;
 * `queued` waits for its first attempt; `sending` is being attempted; `retrying` failed and will be
 * tried again (backoff); `failed` gave up (a permanent refusal or every attempt used), resendable.
 */
export const DELIVERY_STATUSES = ['pending-digest', 'queued', 'sending', 'retrying', 'sent', 'failed', 'digested'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryAttemptView {
  attempt: number;
  at: string;
  outcome: 'sent' | 'failed';
  error: string | null;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  channel: DeliveryChannel;
  kind: NotificationKind | 'digest';
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** A user (e-mail) or a webhook endpoint. */
  recipient: { userId: string | null; username: string | null; email: string | null; webhookId: string | null; url: string | null };
  unit: NotificationUnit | null;
  subject: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
}

export interface DeliveryDetail extends DeliveryView {
  history: DeliveryAttemptView[];
}

export interface ListDeliveriesRequest extends PageQuery {
  actor: Actor;
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  eventId?: string;
}

export type DeliveryPage = Page<DeliveryView>;

export interface GetDeliveryRequest {
  actor: Actor;
  deliveryId: string;
}

/** Resend failed deliveries: the ids given, or (without ids) every failed one in the caller's scope. */
export interface ResendDeliveriesRequest {
  actor: Actor;
  deliveryIds?: string[];
}

export interface ResendResult {
  resent: number;
  ids: string[];
}

export interface WebhookView {
  id: string;
  url: string;
  description: string | null;
  unit: NotificationUnit;
  active: boolean;
  createdAt: string;
}

/** Answered once, at creation: the secret is never shown again. */
export interface CreatedWebhook extends WebhookView {
  /** Standard Webhooks secret (`whsec_` + base64). */
  secret: string;
}

export interface CreateWebhookRequest {
  actor: Actor;
  url: string;
  description?: string;
  /** Another unit in the caller's subtree; the caller's own unit by default. */
  unitCode?: string;
}

export interface ListWebhooksRequest extends PageQuery {
  actor: Actor;
}

export type WebhookPage = Page<WebhookView>;

export interface DeleteWebhookRequest {
  actor: Actor;
  webhookId: string;
}

/**
 * The body of every webhook call, signed per the Standard Webhooks spec (headers `webhook-id`,
 * `webhook-timestamp`, `webhook-signature`). `webhook-id` is the delivery id: the same on every
 * retry, so a receiver can drop duplicates.
 */
export interface WebhookPayload {
  type: NotificationKind;
  timestamp: string;
  data: NotificationData & { eventId: string };
}
