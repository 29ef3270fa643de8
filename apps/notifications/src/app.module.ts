import { Logger, Module, type DynamicModule } from '@nestjs/common';
import type { NotificationsConfig } from '#config';
import { RpcPatterns } from '#contracts';
import { InfrastructureModule, healthRpcController } from '#service-kit';
import { retryWindowMs } from './delivery/backoff.policy.js';
import { DeliveriesService } from './delivery/deliveries.service.js';
import { DeliveryQueue } from './delivery/delivery-queue.js';
import { DeliveryDispatcher } from './delivery/delivery.dispatcher.js';
import { DeliveryProcessor } from './delivery/delivery.processor.js';
import { EmailSender } from './delivery/email.sender.js';
import { DigestScheduler } from './digest/digest.scheduler.js';
import { DigestService } from './digest/digest.service.js';
import { DirectoryEventsController } from './directory-sync/directory.events.controller.js';
import { InboxService } from './inbox/inbox.service.js';
import { SCHEMA } from './migrations/index.js';
import { NoticeWriter } from './notices/notice-writer.js';
import { NotificationEventsController } from './notices/notification.events.controller.js';
import { NOTIFICATIONS_CONFIG } from './notifications.config.js';
import { WebhookAddressPolicy } from './webhooks/webhook-addresses.js';
import { NotificationsRpcController } from './notifications.rpc.controller.js';
import { PlansEventsController } from './plans-sync/plans.events.controller.js';
import { PreferencesService } from './preferences/preferences.service.js';
import { TemplateStore } from './templates/template-store.js';
import { WebhooksService } from './webhooks/webhooks.service.js';

/**
 * Notifications: consumes assignment (and, once released, deadline, extension and report) events,
 * resolves who is told from its copy of the directory, and delivers: an in-app inbox per user,
 * e-mail over SMTP and signed webhooks per unit, through the `notifications-delivery` queue with a
 * delivery log in Postgres. It publishes no events (no outbox relay).
 */
@Module({})
export class AppModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    const templates = TemplateStore.load(config.NOTIFICATIONS_TEMPLATE_DIR);
    const logger = new Logger('Notifications');
    if (templates.overrides.length) logger.log(`template overrides: ${templates.overrides.join(', ')}`);
    const hours = retryWindowMs(config.NOTIFICATIONS_DELIVERY_ATTEMPTS, config.NOTIFICATIONS_BACKOFF_BASE_MS, config.NOTIFICATIONS_BACKOFF_MAX_MS) / 3_600_000;
    logger.log(`deliveries: ${config.NOTIFICATIONS_DELIVERY_ATTEMPTS} attempts over about ${hours.toFixed(1)} h before failing`);
    return {
      module: AppModule,
      imports: [InfrastructureModule.forService({ service: 'notifications', config, schema: SCHEMA, entities: [], relayOutbox: false })],
      controllers: [healthRpcController(RpcPatterns.notifications.health), NotificationsRpcController],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        { provide: WebhookAddressPolicy, useValue: new WebhookAddressPolicy(config.NOTIFICATIONS_WEBHOOK_ALLOWED_ADDRESSES) },
        { provide: TemplateStore, useValue: templates },
        DirectoryEventsController,
        PlansEventsController,
        NoticeWriter,
        NotificationEventsController,
        DeliveryQueue,
        DeliveryDispatcher,
        DeliveryProcessor,
        EmailSender,
        DigestService,
        DigestScheduler,
        InboxService,
        PreferencesService,
        DeliveriesService,
        WebhooksService,
      ],
    };
  }
}
