import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import type { UnitImportRow } from '#contracts';
import { Msg } from '../../validation/messages.js';
import { OptionalText, RequiredText } from '../../validation/text.js';

export const MAX_IMPORT_ROWS = 100_000;

export class UnitImportRowDto implements UnitImportRow {
  @ApiProperty({ example: 'TU', description: 'Mã đơn vị, duy nhất' })
  @RequiredText(64)
  code: string;

  @ApiProperty({ example: 'Tỉnh ủy' })
  @RequiredText(500)
  name: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Mã đơn vị cấp trên; null (hoặc rỗng) cho đơn vị gốc' })
  @OptionalText(64)
  parentCode: string | null;

  @ApiProperty({ example: 'tinh_uy', description: 'Loại đơn vị (ví dụ chi_bo)' })
  @RequiredText(64)
  kind: string;
}

/** JSON form of an import. The same rows can be sent as CSV (`text/csv`). */
export class ImportUnitsDto {
  @ApiProperty({ type: () => [UnitImportRowDto] })
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(MAX_IMPORT_ROWS, { message: Msg.tooMany(MAX_IMPORT_ROWS) })
  @ValidateNested({ each: true, message: Msg.object })
  @Type(() => UnitImportRowDto)
  rows: UnitImportRowDto[];
}
