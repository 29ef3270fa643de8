import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EventSubjects, type EventSubject } from '#contracts';
import { EventBus } from '#messaging';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config.js';
import { NOTIFICATION_RULES, releasedRules } from '../rules/notification-rules.js';
import { LocalFacts } from './local-facts.js';
import { NoticeWriter } from './notice-writer.js';

/**
 * One durable consumer per active rule (see rules/notification-rules.ts): the event becomes
 * notices, the notices become inbox items and deliveries, all in the consumer's transaction with
 * its inbox claim.
 */
@Injectable()
export class NotificationEventsController implements OnModuleInit {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly bus: EventBus,
    private readonly writer: NoticeWriter,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onModuleInit(): void {
    const rules = releasedRules(NOTIFICATION_RULES, Object.values(EventSubjects));
    for (const rule of rules) {
      this.bus.subscribe({
        durable: rule.durable,
        // Provisional subjects are not EventSubjects yet; the consumer only needs the string.
        subject: rule.subject as EventSubject,
        handle: async (event, manager) => {
          const notices = await rule.notices(event, new LocalFacts(manager, event));
          const outcome = await this.writer.write(manager, event, notices);
          if (outcome.notifications + outcome.webhooks > 0) {
            this.logger.log(
              `${rule.kind} ${event.id}: ${outcome.notifications} messages, ${outcome.emails} e-mails, ${outcome.webhooks} webhook calls`,
            );
          }
        },
      });
    }
    const dormant = NOTIFICATION_RULES.filter((rule) => !rules.includes(rule)).map((rule) => rule.subject);
    if (dormant.length) this.logger.log(`not consuming yet (no such event released): ${dormant.join(', ')}`);
  }
}
