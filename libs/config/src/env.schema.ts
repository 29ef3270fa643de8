import { isIP } from 'node:net';
import { z } from 'zod';
import { parseDuration, parseDurationList } from './duration.js';

/**
 * Every setting comes from the environment and is validated at boot: a service with a bad or
 * missing setting refuses to start and names the variable. Defaults point at the local
 * Postgres/Redis/NATS on their standard ports, so a developer machine needs no settings at all
 * except the secrets (see scripts/start.js, which generates them into .env).
 */
export const infrastructureEnv = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/trienkhai'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** JetStream stream holding every service's events. */
  NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('TRIENKHAI_EVENTS'),
  /** BullMQ key prefix, so several deployments or test runs can share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default('tk'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
});

const jwtSecret = z.string().min(32, 'JWT_SECRET must be at least 32 characters');

export const gatewayEnv = infrastructureEnv.extend({
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  JWT_SECRET: jwtSecret,
  /** How long the gateway waits for a service to answer a request. */
  RPC_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
});

export const directoryEnv = infrastructureEnv.extend({
  JWT_SECRET: jwtSecret,
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(8 * 3600),
  ADMIN_USERNAME: z.string().min(3).default('admin'),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD must be at least 8 characters'),
});

export const serviceEnv = infrastructureEnv;

const positiveInt = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

export const notificationsEnv = infrastructureEnv.extend({
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  /** The From of every e-mail. */
  NOTIFICATIONS_MAIL_FROM: z.string().min(3).default('Triển khai <no-reply@trienkhai.local>'),
  /** A folder of template overrides (`<kind>.subject.txt`, `<kind>.text.txt`, `<kind>.html`); empty: built-ins only. */
  NOTIFICATIONS_TEMPLATE_DIR: z.string().default(''),
  /**
   * Attempts per delivery and the exponential backoff between them (base × 2^(n-1), capped, with
   * jitter). The defaults ride out an SMTP or receiver outage of about 11 hours before a delivery
   * is marked failed (then resend it by API or CLI).
   */
  NOTIFICATIONS_DELIVERY_ATTEMPTS: positiveInt(50),
  NOTIFICATIONS_BACKOFF_BASE_MS: positiveInt(10_000, 10),
  NOTIFICATIONS_BACKOFF_MAX_MS: positiveInt(15 * 60_000, 10),
  /** Deliveries sent at once by each copy of the service. */
  NOTIFICATIONS_CONCURRENCY: positiveInt(10),
  /** How often deliveries that Redis lost (restart, flush) are found and queued again. */
  NOTIFICATIONS_SWEEP_INTERVAL_MS: positiveInt(60_000, 100),
  /** Local time (Asia/Ho_Chi_Minh, HH:MM) at which the daily digest e-mails go out. */
  NOTIFICATIONS_DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'NOTIFICATIONS_DIGEST_TIME must be HH:MM (24-hour, local time)')
    .default('17:00'),
  /** How long a webhook receiver may take to answer, in milliseconds. */
  NOTIFICATIONS_WEBHOOK_TIMEOUT_MS: positiveInt(10_000, 100),
  /**
   * Private addresses webhooks may still reach (an intranet system), as IPs or CIDRs separated by
   * commas: `10.20.0.0/16,192.168.1.5`. Empty (the default): webhooks reach public addresses only,
   * so a registered URL cannot probe the deployment's own network or a cloud metadata service.
   */
  NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES: addressList(),
});

/** A comma-separated list of IP addresses and CIDR ranges (IPv4 or IPv6), validated one by one. */
function addressList() {
  return z
    .string()
    .default('')
    .transform((text, ctx) => {
      const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
      const bad = entries.filter((entry) => {
        const [address, prefix, extra] = entry.split('/');
        const family = isIP(address);
        if (!family || extra !== undefined) return true;
        if (prefix === undefined) return false;
        const bits = Number(prefix);
        return !/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128);
      });
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `must list IP addresses or CIDR ranges like 10.0.0.0/8, got "${bad.join('", "')}"` });
        return z.NEVER;
      }
      return entries;
    });
}

/** One duration (`60s`, `5m`), validated and turned into milliseconds. */
function duration(fallback: string, { min = 1 }: { min?: number } = {}) {
  return z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === null || ms < min) {
        ctx.addIssue({ code: 'custom', message: `must be a duration like 30s, 5m, 12h or 7d (at least ${min} ms), got "${text}"` });
        return z.NEVER;
      }
      return ms;
    });
}

/** A comma-separated list of durations, in milliseconds. */
function durationList(fallback: string, check: (values: number[]) => string | null) {
  return z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const values = parseDurationList(text);
      const problem = values === null ? 'must be a comma-separated list of durations like 7d,1d' : check(values);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `${problem} (got "${text}")` });
        return z.NEVER;
      }
      return values as number[];
    });
}

/** At most this many escalation steps: the unit's secretary, the monitoring body, the standing committee. */
export const MAX_ESCALATION_STEPS = 3;

/**
 * Deadlines are watched by the assignments service (tasks) and the reporting service (expected
 * reports), alike: the default escalation policy (each plan may override it) and the timers are
 * settings so a test can run a whole escalation in seconds.
 */
const deadlineEnv = {
  /** Reminders before each deadline ("due soon"), e.g. 7 days and 1 day before. */
  DEADLINE_REMINDERS: durationList('7d,1d', (values) =>
    values.some((v) => v <= 0) ? 'reminders must be longer than 0' : new Set(values).size !== values.length ? 'reminders must differ' : null,
  ),
  /**
   * Escalation steps after the deadline (the overdue notice itself comes at the deadline): grace
   * periods counted from the moment the work became overdue, strictly increasing, at most three.
   */
  DEADLINE_ESCALATIONS: durationList('3d,7d,14d', (values) => {
    if (values.length > MAX_ESCALATION_STEPS) return `at most ${MAX_ESCALATION_STEPS} escalation steps`;
    if (values.some((v, i) => v <= 0 || (i > 0 && v <= values[i - 1]))) return 'escalation grace periods must be positive and increasing';
    return null;
  }),
  /** How often each replica fires anything due whose BullMQ job is missing (Redis restarted or emptied). */
  DEADLINE_SWEEP_INTERVAL: duration('60s', { min: 100 }),
  /** How far ahead the sweep re-creates missing BullMQ jobs. */
  DEADLINE_SWEEP_HORIZON: duration('24h', { min: 1000 }),
};

export const assignmentsEnv = infrastructureEnv.extend(deadlineEnv);

export const reportingEnv = infrastructureEnv.extend({
  ...deadlineEnv,
  /**
   * A JSON file overriding the wording of exported consolidated reports (see
   * deploy/report-template.json); the built-in template when unset or empty.
   */
  REPORT_TEMPLATE_PATH: z
    .string()
    .optional()
    .transform((value) => value?.trim() || undefined),
});

export type InfrastructureConfig = z.infer<typeof infrastructureEnv>;
export type GatewayConfig = z.infer<typeof gatewayEnv>;
export type DirectoryConfig = z.infer<typeof directoryEnv>;
export type NotificationsConfig = z.infer<typeof notificationsEnv>;
export type ReportingConfig = z.infer<typeof reportingEnv>;
export type AssignmentsConfig = z.infer<typeof assignmentsEnv>;
