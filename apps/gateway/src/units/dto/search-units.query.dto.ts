import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { SearchUnitsRequest } from '#contracts';
import { PageQueryDto } from '../../http/page-query.dto.js';
import { Msg } from '../../validation/messages.js';

export class SearchUnitsQueryDto extends PageQueryDto implements Omit<SearchUnitsRequest, 'actor'> {
  @ApiPropertyOptional({ description: 'Tìm theo mã hoặc tên' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @MaxLength(200, { message: Msg.tooLong(200) })
  q?: string;

  @ApiPropertyOptional({ example: 'chi_bo' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @MaxLength(64, { message: Msg.tooLong(64) })
  kind?: string;

  @ApiPropertyOptional({ description: 'Chỉ các đơn vị trực thuộc đơn vị có mã này' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @MaxLength(64, { message: Msg.tooLong(64) })
  parentCode?: string;
}
