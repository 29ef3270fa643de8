import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { PageQuery } from '#contracts';
import { Msg } from '../validation/messages.js';

export const MAX_PAGE_SIZE = 200;

/** `?page=&pageSize=` on every list endpoint; query strings are coerced to numbers. */
export class PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'Trang, bắt đầu từ 1' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: Msg.integer })
  @Min(1, { message: Msg.min(1) })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20, description: 'Số dòng mỗi trang' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: Msg.integer })
  @Min(1, { message: Msg.min(1) })
  @Max(MAX_PAGE_SIZE, { message: Msg.max(MAX_PAGE_SIZE) })
  pageSize?: number;
}
