import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  RpcPatterns,
  UNMUTABLE_KINDS,
  type Actor,
  type CreatedWebhook,
  type DeliveryDetail,
  type DeliveryPage,
  type NotificationPage,
  type NotificationPreferences,
  type NotificationView,
  type ResendResult,
  type UnreadCount,
  type WebhookPage,
  type WebhookView,
} from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { PageQueryDto } from '../http/page-query.dto.js';
import { RpcClient } from '../rpc/rpc.client.js';
import {
  CreateWebhookDto,
  ListDeliveriesQueryDto,
  ListNotificationsQueryDto,
  ResendDeliveriesDto,
  UpdatePreferencesDto,
} from './dto/notifications.dto.js';

const P = RpcPatterns.notifications;

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Hộp thông báo của người dùng, mới nhất trước (kèm số chưa đọc)' })
  @ApiOkResponse({ description: 'NotificationPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQueryDto): Promise<NotificationPage> {
    return this.rpc.send<NotificationPage>(P.list, { actor, ...query });
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'Số thông báo chưa đọc' })
  @ApiOkResponse({ description: '{unread}' })
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCount> {
    return this.rpc.send<UnreadCount>(P.unreadCount, { actor });
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu đã đọc tất cả' })
  @ApiOkResponse({ description: '{marked, unread}' })
  markAllRead(@CurrentActor() actor: Actor): Promise<UnreadCount & { marked: number }> {
    return this.rpc.send(P.markAllRead, { actor });
  }

  @Get('preferences')
  @ApiOperation({ summary: 'Tùy chọn nhận thông báo của người dùng' })
  @ApiOkResponse({ description: 'NotificationPreferences' })
  preferences(@CurrentActor() actor: Actor): Promise<NotificationPreferences> {
    return this.rpc.send<NotificationPreferences>(P.getPreferences, { actor });
  }

  @Put('preferences')
  @ApiOperation({
    summary: 'Đổi tùy chọn: kênh (trong ứng dụng, e-mail), gửi ngay hay gộp hằng ngày, loại không nhận',
    description: `Thông báo đôn đốc vượt cấp (${UNMUTABLE_KINDS.join(', ')}) luôn được gửi ngay qua mọi kênh; yêu cầu tắt chúng bị từ chối (400 NOTIFICATION.UNMUTABLE).`,
  })
  @ApiOkResponse({ description: 'NotificationPreferences' })
  @ApiBadRequestResponse({ type: ErrorBody })
  updatePreferences(@CurrentActor() actor: Actor, @Body() body: UpdatePreferencesDto): Promise<NotificationPreferences> {
    return this.rpc.send<NotificationPreferences>(P.updatePreferences, { actor, ...body });
  }

  @Get('deliveries')
  @ApiOperation({ summary: 'Nhật ký gửi (e-mail, webhook) trong phạm vi của người dùng' })
  @ApiOkResponse({ description: 'DeliveryPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  deliveries(@CurrentActor() actor: Actor, @Query() query: ListDeliveriesQueryDto): Promise<DeliveryPage> {
    return this.rpc.send<DeliveryPage>(P.listDeliveries, { actor, ...query });
  }

  @Post('deliveries/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi lại các lượt gửi thất bại (theo danh sách, hoặc tất cả trong phạm vi)' })
  @ApiOkResponse({ description: '{resent, ids}' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  resend(@CurrentActor() actor: Actor, @Body() body: ResendDeliveriesDto): Promise<ResendResult> {
    return this.rpc.send<ResendResult>(P.resendDeliveries, { actor, ...body });
  }

  @Get('deliveries/:id')
  @ApiOperation({ summary: 'Một lượt gửi và lịch sử các lần thử' })
  @ApiOkResponse({ description: 'DeliveryDetail' })
  @ApiNotFoundResponse({ type: ErrorBody })
  delivery(@CurrentActor() actor: Actor, @Param('id') deliveryId: string): Promise<DeliveryDetail> {
    return this.rpc.send<DeliveryDetail>(P.getDelivery, { actor, deliveryId });
  }

  @Post('deliveries/:id/resend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Gửi lại một lượt gửi thất bại' })
  @ApiOkResponse({ description: '{resent, ids}' })
  @ApiForbiddenResponse({ type: ErrorBody })
  resendOne(@CurrentActor() actor: Actor, @Param('id') deliveryId: string): Promise<ResendResult> {
    return this.rpc.send<ResendResult>(P.resendDeliveries, { actor, deliveryIds: [deliveryId] });
  }

  @Post('webhooks')
  @ApiOperation({
    summary: 'Đăng ký webhook cho đơn vị (văn phòng, bí thư, quản trị)',
    description: 'Trả về secret (chỉ một lần) để kiểm tra chữ ký theo chuẩn Standard Webhooks.',
  })
  @ApiCreatedResponse({ description: 'CreatedWebhook' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  createWebhook(@CurrentActor() actor: Actor, @Body() body: CreateWebhookDto): Promise<CreatedWebhook> {
    return this.rpc.send<CreatedWebhook>(P.createWebhook, { actor, ...body });
  }

  @Get('webhooks')
  @ApiOperation({ summary: 'Các webhook của các đơn vị trong phạm vi' })
  @ApiOkResponse({ description: 'WebhookPage' })
  webhooks(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<WebhookPage> {
    return this.rpc.send<WebhookPage>(P.listWebhooks, { actor, ...query });
  }

  @Delete('webhooks/:id')
  @ApiOperation({ summary: 'Gỡ một webhook' })
  @ApiOkResponse({ description: 'WebhookView' })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  deleteWebhook(@CurrentActor() actor: Actor, @Param('id') webhookId: string): Promise<WebhookView> {
    return this.rpc.send<WebhookView>(P.deleteWebhook, { actor, webhookId });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu một thông báo đã đọc' })
  @ApiOkResponse({ description: 'NotificationView' })
  @ApiNotFoundResponse({ type: ErrorBody })
  markRead(@CurrentActor() actor: Actor, @Param('id') notificationId: string): Promise<NotificationView> {
    return this.rpc.send<NotificationView>(P.markRead, { actor, notificationId });
  }
}
