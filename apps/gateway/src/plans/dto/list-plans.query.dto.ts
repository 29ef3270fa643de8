import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { ListPlansRequest, PlanStatus } from '#contracts';
import { PageQueryDto } from '../../http/page-query.dto.js';
import { Msg } from '../../validation/messages.js';

export const PLAN_STATUSES = ['draft', 'issued'] as const satisfies readonly PlanStatus[];

export class ListPlansQueryDto extends PageQueryDto implements Omit<ListPlansRequest, 'actor'> {
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES, { message: Msg.oneOf(PLAN_STATUSES) })
  status?: PlanStatus;
}
