import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AssignmentStatus, TransitionAssignmentRequest } from '#contracts';
import { Msg } from '../../validation/messages.js';

/** Statuses a unit can move its assignment to (`new` is where every assignment starts). */
export const TARGET_STATUSES = ['acknowledged', 'in_progress', 'done'] as const satisfies readonly AssignmentStatus[];

export class TransitionAssignmentDto implements Omit<TransitionAssignmentRequest, 'actor' | 'assignmentId'> {
  @ApiProperty({ enum: TARGET_STATUSES })
  @IsIn(TARGET_STATUSES, { message: Msg.oneOf(TARGET_STATUSES) })
  status: (typeof TARGET_STATUSES)[number];

  @ApiPropertyOptional({ description: 'Kết quả thực hiện', example: 'Đã tổ chức hội nghị quán triệt ngày 20/9' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @MaxLength(10_000, { message: Msg.tooLong(10_000) })
  resultNote?: string;
}
