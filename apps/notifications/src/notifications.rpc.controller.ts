import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  RpcPatterns,
  type ActorRequest,
  type CreateWebhookRequest,
  type CreatedWebhook,
  type DeleteWebhookRequest,
  type DeliveryDetail,
  type DeliveryPage,
  type GetDeliveryRequest,
  type ListDeliveriesRequest,
  type ListNotificationsRequest,
  type ListWebhooksRequest,
  type MarkReadRequest,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationView,
  type ResendDeliveriesRequest,
  type ResendResult,
  type UnreadCount,
  type UpdatePreferencesRequest,
  type WebhookPage,
  type WebhookView,
} from '#contracts';
import { DeliveriesService } from './delivery/deliveries.service.js';
import { InboxService } from './inbox/inbox.service.js';
import { PreferencesService } from './preferences/preferences.service.js';
import { WebhooksService } from './webhooks/webhooks.service.js';

const P = RpcPatterns.notifications;

/** Request-reply face of the service (the gateway's `/api/notifications…`). */
@Controller()
export class NotificationsRpcController {
  constructor(
    private readonly inbox: InboxService,
    private readonly preferences: PreferencesService,
    private readonly deliveries: DeliveriesService,
    private readonly webhooks: WebhooksService,
  ) {}

  @MessagePattern(P.list)
  list(@Payload() request: ListNotificationsRequest): Promise<NotificationPage> {
    return this.inbox.list(request);
  }

  @MessagePattern(P.unreadCount)
  unreadCount(@Payload() request: ActorRequest): Promise<UnreadCount> {
    return this.inbox.unreadCount(request);
  }

  @MessagePattern(P.markRead)
  markRead(@Payload() request: MarkReadRequest): Promise<NotificationView> {
    return this.inbox.markRead(request);
  }

  @MessagePattern(P.markAllRead)
  markAllRead(@Payload() request: ActorRequest): Promise<UnreadCount & { marked: number }> {
    return this.inbox.markAllRead(request);
  }

  @MessagePattern(P.getPreferences)
  getPreferences(@Payload() request: ActorRequest): Promise<NotificationPreferences> {
    return this.preferences.get(request);
  }

  @MessagePattern(P.updatePreferences)
  updatePreferences(@Payload() request: UpdatePreferencesRequest): Promise<NotificationPreferences> {
    return this.preferences.update(request);
  }

  @MessagePattern(P.listDeliveries)
  listDeliveries(@Payload() request: ListDeliveriesRequest): Promise<DeliveryPage> {
    return this.deliveries.list(request);
  }

  @MessagePattern(P.getDelivery)
  getDelivery(@Payload() request: GetDeliveryRequest): Promise<DeliveryDetail> {
    return this.deliveries.get(request);
  }

  @MessagePattern(P.resendDeliveries)
  resend(@Payload() request: ResendDeliveriesRequest): Promise<ResendResult> {
    return this.deliveries.resend(request);
  }

  @MessagePattern(P.createWebhook)
  createWebhook(@Payload() request: CreateWebhookRequest): Promise<CreatedWebhook> {
    return this.webhooks.create(request);
  }

  @MessagePattern(P.listWebhooks)
  listWebhooks(@Payload() request: ListWebhooksRequest): Promise<WebhookPage> {
    return this.webhooks.list(request);
  }

  @MessagePattern(P.deleteWebhook)
  deleteWebhook(@Payload() request: DeleteWebhookRequest): Promise<WebhookView> {
    return this.webhooks.remove(request);
  }
}
