import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  EMAIL_MODES,
  NOTIFICATION_KINDS,
  UNMUTABLE_KINDS,
  type CreateWebhookRequest,
  type DeliveryChannel,
  type DeliveryStatus,
  type EmailMode,
  type ListDeliveriesRequest,
  type ListNotificationsRequest,
  type NotificationKind,
  type ResendDeliveriesRequest,
  type UpdatePreferencesRequest,
} from '#contracts';
import { PageQueryDto } from '../../http/page-query.dto.js';
import { Msg } from '../../validation/messages.js';
import { OptionalText, RequiredText } from '../../validation/text.js';

const BOOLEAN = 'phải là true hoặc false';
const UUID_MESSAGE = 'phải là một uuid';

/** `?unreadOnly=true` arrives as a string. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListNotificationsQueryDto extends PageQueryDto implements Omit<ListNotificationsRequest, 'actor'> {
  @ApiPropertyOptional({ description: 'Chỉ thông báo chưa đọc' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: BOOLEAN })
  unreadOnly?: boolean;
}

export class UpdatePreferencesDto implements Omit<UpdatePreferencesRequest, 'actor'> {
  @ApiPropertyOptional({ description: 'Nhận thông báo trong ứng dụng' })
  @IsOptional()
  @IsBoolean({ message: BOOLEAN })
  inApp?: boolean;

  @ApiPropertyOptional({ description: 'Nhận thông báo qua e-mail' })
  @IsOptional()
  @IsBoolean({ message: BOOLEAN })
  email?: boolean;

  @ApiPropertyOptional({ enum: EMAIL_MODES, description: 'immediate: gửi ngay; digest: gộp thành một thư mỗi ngày' })
  @IsOptional()
  @IsIn(EMAIL_MODES, { message: Msg.oneOf(EMAIL_MODES) })
  emailMode?: EmailMode;

  @ApiPropertyOptional({
    enum: NOTIFICATION_KINDS,
    isArray: true,
    description: `Loại thông báo không muốn nhận. Không thể tắt ${UNMUTABLE_KINDS.join(', ')} (400 NOTIFICATION.UNMUTABLE).`,
  })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(NOTIFICATION_KINDS.length, { message: Msg.tooMany(NOTIFICATION_KINDS.length) })
  @IsIn(NOTIFICATION_KINDS, { each: true, message: Msg.oneOf(NOTIFICATION_KINDS) })
  mutedKinds?: NotificationKind[];
}

export class ListDeliveriesQueryDto extends PageQueryDto implements Omit<ListDeliveriesRequest, 'actor'> {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: Msg.oneOf(DELIVERY_STATUSES) })
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: DELIVERY_CHANNELS })
  @IsOptional()
  @IsIn(DELIVERY_CHANNELS, { message: Msg.oneOf(DELIVERY_CHANNELS) })
  channel?: DeliveryChannel;

  @ApiPropertyOptional({ description: 'Sự kiện gây ra thông báo' })
  @IsOptional()
  @IsUUID('all', { message: UUID_MESSAGE })
  eventId?: string;
}

export class ResendDeliveriesDto implements Omit<ResendDeliveriesRequest, 'actor'> {
  @ApiPropertyOptional({ type: [String], description: 'Không gửi: gửi lại mọi lượt gửi thất bại trong phạm vi của mình' })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(1000, { message: Msg.tooMany(1000) })
  @IsUUID('all', { each: true, message: UUID_MESSAGE })
  deliveryIds?: string[];
}

export class CreateWebhookDto implements Omit<CreateWebhookRequest, 'actor'> {
  @ApiProperty({ example: 'https://hethong.xaphuong.vn/trienkhai/webhook' })
  @RequiredText(2000)
  url: string;

  @ApiPropertyOptional({ example: 'Hệ thống điều hành của Văn phòng' })
  @OptionalText(500)
  description?: string;

  @ApiPropertyOptional({ description: 'Đơn vị trong phạm vi của mình; mặc định là đơn vị của người dùng' })
  @OptionalText(64, { nonEmpty: true })
  unitCode?: string;
}
