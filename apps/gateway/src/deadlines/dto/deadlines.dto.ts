import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, IsInt } from 'class-validator';
import type {
  DecideExtensionRequest,
  DeadlinePolicyInput,
  ExtensionStatus,
  ListExtensionsRequest,
  OverdueSubtreeRequest,
  RequestExtensionRequest,
  UnitDeadlinesRequest,
} from '#contracts';
import { PageQueryDto } from '../../http/page-query.dto.js';
import { Msg } from '../../validation/messages.js';
import { OptionalText, RequiredText } from '../../validation/text.js';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `7d`, `36h`, `30m`, `5s` (the service checks the rest: distinct, increasing, at most three). */
export const DURATION = /^\d{1,9}(ms|s|m|h|d)$/;
const DURATION_MESSAGE = 'mỗi phần tử phải là thời lượng như 5s, 30m, 12h, 7d';
const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const satisfies readonly ExtensionStatus[];

/** `?withinDays=&page=&pageSize=`: the caller's own unit. */
export class UnitDeadlinesQueryDto extends PageQueryDto implements Omit<UnitDeadlinesRequest, 'actor'> {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, description: 'Đến hạn trong số ngày tới (mặc định: lần nhắc sớm nhất của chính sách mặc định)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: Msg.integer })
  @Min(1, { message: Msg.min(1) })
  @Max(366, { message: Msg.max(366) })
  withinDays?: number;
}

/** `?unitCode=&page=&pageSize=`: overdue work in the caller's subtree, or in one unit's subtree inside it. */
export class OverdueSubtreeQueryDto extends PageQueryDto implements Omit<OverdueSubtreeRequest, 'actor'> {
  @ApiPropertyOptional({ description: 'Chỉ cây con của đơn vị này' })
  @OptionalText(64, { nonEmpty: true })
  unitCode?: string;
}

export class DeadlinePolicyDto implements DeadlinePolicyInput {
  @ApiProperty({ type: [String], example: ['7d', '1d'], description: 'Nhắc trước hạn' })
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(10, { message: Msg.tooMany(10) })
  @Matches(DURATION, { each: true, message: DURATION_MESSAGE })
  reminders: string[];

  @ApiProperty({ type: [String], example: ['3d', '7d', '14d'], description: 'Thời gian chờ sau khi quá hạn của từng bậc: Bí thư đơn vị, cơ quan theo dõi, Ban Thường vụ đơn vị giao (tối đa 3)' })
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(3, { message: Msg.tooMany(3) })
  @Matches(DURATION, { each: true, message: DURATION_MESSAGE })
  escalations: string[];
}

export class RequestExtensionDto implements Omit<RequestExtensionRequest, 'actor' | 'assignmentId'> {
  @ApiProperty({ example: '2027-01-15', description: 'Ngày đề nghị gia hạn đến (hết ngày đó)' })
  @Matches(ISO_DATE, { message: Msg.date })
  newDueDate: string;

  @ApiProperty({ example: 'Chờ hướng dẫn của cấp trên' })
  @RequiredText(2000)
  reason: string;

  @ApiPropertyOptional({ description: 'Kỳ cần gia hạn (nhiệm vụ định kỳ); mặc định kỳ sớm nhất còn mở' })
  @OptionalText(64)
  dueItemId?: string;
}

export class DecideExtensionDto implements Omit<DecideExtensionRequest, 'actor' | 'extensionId'> {
  @ApiProperty({ description: 'true: đồng ý; false: không đồng ý' })
  @IsBoolean({ message: 'phải là true hoặc false' })
  approve: boolean;

  @ApiPropertyOptional({ example: '2027-01-10', description: 'Ngày được gia hạn đến, nếu khác ngày đề nghị' })
  @IsOptional()
  @Matches(ISO_DATE, { message: Msg.date })
  dueDate?: string;

  @ApiPropertyOptional()
  @OptionalText(2000)
  note?: string;
}

export class ListExtensionsQueryDto extends PageQueryDto implements Omit<ListExtensionsRequest, 'actor'> {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], description: 'incoming: đề nghị gửi đơn vị mình (mặc định); outgoing: đề nghị của đơn vị mình' })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'], { message: Msg.oneOf(['incoming', 'outgoing']) })
  direction?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: EXTENSION_STATUSES })
  @IsOptional()
  @IsIn(EXTENSION_STATUSES, { message: Msg.oneOf(EXTENSION_STATUSES) })
  status?: ExtensionStatus;
}

export class CompleteOccurrenceDto {
  @ApiProperty({ example: 'Đã gửi báo cáo năm 2026' })
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.required })
  @MaxLength(10_000, { message: Msg.tooLong(10_000) })
  note: string;
}
