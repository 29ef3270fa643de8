import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { ASSIGNMENT_STATUSES, type AssignmentFilter, type AssignmentStatus, type ListAssignmentsRequest } from '#contracts';
import { PageQueryDto } from '../../http/page-query.dto.js';
import { Msg } from '../../validation/messages.js';
import { OptionalText } from '../../validation/text.js';

/** `?status=&dueBefore=&dueAfter=&page=&pageSize=`: the caller's own inbox. */
export class InboxQueryDto extends PageQueryDto implements AssignmentFilter {
  @ApiPropertyOptional({ enum: ASSIGNMENT_STATUSES })
  @IsOptional()
  @IsIn(ASSIGNMENT_STATUSES, { message: Msg.oneOf(ASSIGNMENT_STATUSES) })
  status?: AssignmentStatus;

  @ApiPropertyOptional({ example: '2024-12-31', description: 'Hạn trước thời điểm này (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: Msg.isoDate })
  dueBefore?: string;

  @ApiPropertyOptional({ example: '2024-10-01', description: 'Hạn sau thời điểm này (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: Msg.isoDate })
  dueAfter?: string;
}

/** The same filter over the caller's whole subtree, optionally narrowed to a plan or a unit. */
export class ListAssignmentsQueryDto extends InboxQueryDto implements Omit<ListAssignmentsRequest, 'actor'> {
  @ApiPropertyOptional()
  @OptionalText(64, { nonEmpty: true })
  planId?: string;

  @ApiPropertyOptional({ description: 'Mã đơn vị thực hiện' })
  @OptionalText(64, { nonEmpty: true })
  unitCode?: string;
}
