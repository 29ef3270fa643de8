import { ApiPropertyOptional } from '@nestjs/swagger';
import type { SearchUnitsRequest } from '#contracts';
import { PageQueryDto } from '../../http/page-query.dto.js';
import { OptionalText } from '../../validation/text.js';

export class SearchUnitsQueryDto extends PageQueryDto implements Omit<SearchUnitsRequest, 'actor'> {
  @ApiPropertyOptional({ description: 'Tìm theo mã hoặc tên' })
  @OptionalText(200)
  q?: string;

  @ApiPropertyOptional({ example: 'chi_bo' })
  @OptionalText(64)
  kind?: string;

  @ApiPropertyOptional({ description: 'Chỉ các đơn vị trực thuộc đơn vị có mã này' })
  @OptionalText(64)
  parentCode?: string;
}
