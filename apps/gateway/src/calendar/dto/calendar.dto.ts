import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { CalendarOverrideKind } from '#contracts';
import { Msg } from '../../validation/messages.js';
import { OptionalText } from '../../validation/text.js';

const KINDS = ['day-off', 'working-day'] as const satisfies readonly CalendarOverrideKind[];

export class CalendarOverrideDto {
  @ApiProperty({ example: '2026-09-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: Msg.date })
  date: string;

  @ApiProperty({ enum: KINDS, description: 'day-off: ngày nghỉ chính thức thêm; working-day: ngày làm bù' })
  @IsIn(KINDS, { message: Msg.oneOf(KINDS) })
  kind: CalendarOverrideKind;

  @ApiPropertyOptional({ example: 'Nghỉ Quốc khánh (ngày thứ hai)' })
  @OptionalText(500)
  note?: string;
}

/** The whole year's overrides at once: what the admin sends is what is kept. */
export class CalendarOverridesDto {
  @ApiProperty({ type: [CalendarOverrideDto] })
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(366, { message: Msg.tooMany(366) })
  @ValidateNested({ each: true, message: Msg.object })
  @Type(() => CalendarOverrideDto)
  overrides: CalendarOverrideDto[];
}

export class YearParamDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: Msg.integer })
  @Min(1900, { message: Msg.min(1900) })
  @Max(2200, { message: Msg.max(2200) })
  year: number;
}
