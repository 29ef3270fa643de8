import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import {
  INDICATOR_TYPES,
  RATING_LEVELS,
  ROLLUP_RULES,
  TARGET_COMPARATORS,
  TARGET_METRIC_TYPES,
  type ImplementingSelector,
  type IndicatorInput,
  type IndicatorType,
  type RatingLevel,
  type ReportingObligationInput,
  type RollupRule,
  type TargetComparatorInput,
  type TargetInput,
  type TargetMetric,
} from '#contracts';
import { Msg } from '../../validation/messages.js';
import { ImplementingDto } from './plan-input.dto.js';
import { OptionalText, RequiredText } from '../../validation/text.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The reporting part of a plan: shapes and types here; meaning (timelines, links between
 * indicators, what a target measures) is checked by the plans service, field by field.
 */
export class ReportingObligationDto implements ReportingObligationInput {
  @ApiProperty({ example: 'BC1', description: 'Mã nghĩa vụ báo cáo, duy nhất trong kế hoạch' })
  @RequiredText(32)
  code: string;

  @ApiProperty({ example: 'Báo cáo kết quả tổ chức thực hiện Quy định số 144-QĐ/TW' })
  @RequiredText(2000)
  title: string;

  @ApiProperty({ example: 'Định kỳ hằng năm (trước ngày 25/11)', description: 'Thời hạn, như ghi trong văn bản' })
  @RequiredText(1000)
  timeline: string;

  @ApiProperty({ type: () => ImplementingDto, description: 'Đơn vị phải báo cáo' })
  @ValidateNested({ message: Msg.object })
  @Type(() => ImplementingDto)
  reporters: ImplementingSelector;

  @ApiPropertyOptional({ description: 'Đơn vị nhận báo cáo (mặc định: đơn vị ban hành)' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  toUnitCode?: string;

  @ApiPropertyOptional({ example: 'Ban Tuyên giáo Thị ủy', description: 'Cơ quan theo dõi, báo cáo gửi qua' })
  @OptionalText(500)
  through?: string;

  @ApiPropertyOptional({ description: 'Mã đơn vị của cơ quan theo dõi, nếu có trong cây đơn vị' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  throughUnitCode?: string;

  @ApiPropertyOptional({ type: [String], description: 'Mã các chỉ tiêu báo cáo này thu (mặc định: tất cả)' })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(200, { message: Msg.tooMany(200) })
  @IsString({ each: true, message: 'mỗi phần tử phải là một mã chỉ tiêu' })
  indicators?: string[];

  @ApiPropertyOptional({ example: '2030-12-31', description: 'Không mở kỳ báo cáo nào sau ngày này' })
  @IsOptional()
  @Matches(ISO_DATE, { message: Msg.date })
  until?: string;

  @ApiPropertyOptional({ description: 'Cấp trên có thể yêu cầu báo cáo đột xuất' })
  @IsOptional()
  @IsBoolean({ message: 'phải là true hoặc false' })
  adHoc?: boolean;
}

export class IndicatorDto implements IndicatorInput {
  @ApiProperty({ example: 'dang_vien_quan_triet' })
  @RequiredText(64)
  code: string;

  @ApiProperty({ example: 'Số đảng viên được quán triệt' })
  @RequiredText(500)
  name: string;

  @ApiProperty({ enum: INDICATOR_TYPES })
  @IsIn(INDICATOR_TYPES, { message: Msg.oneOf(INDICATOR_TYPES) })
  type: IndicatorType;

  @ApiPropertyOptional({ enum: ROLLUP_RULES, description: 'Cách tổng hợp lên cấp trên' })
  @IsOptional()
  @IsIn(ROLLUP_RULES, { message: Msg.oneOf(ROLLUP_RULES) })
  rollup?: RollupRule;

  @ApiPropertyOptional({ example: 'dang_vien', description: 'Chỉ tiêu tổng mà chỉ tiêu này là một phần' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  partOf?: string;

  @ApiPropertyOptional({ example: 90, description: 'Ngưỡng đạt (khi tổng hợp theo tỷ lệ đơn vị)' })
  @IsOptional()
  @IsNumber({}, { message: 'phải là một số' })
  threshold?: number;

  @ApiPropertyOptional({ example: 'đảng viên' })
  @OptionalText(100)
  unit?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'phải là true hoặc false' })
  required?: boolean;
}

/** The fields of every metric variant; which ones a type needs is the plans service's check. */
export class TargetMetricDto {
  @ApiProperty({ enum: TARGET_METRIC_TYPES })
  @IsIn(TARGET_METRIC_TYPES, { message: Msg.oneOf(TARGET_METRIC_TYPES) })
  type: TargetMetric['type'];

  @ApiPropertyOptional({ enum: RATING_LEVELS, isArray: true, description: 'rating-share: các mức được tính' })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @IsIn(RATING_LEVELS, { each: true, message: Msg.oneOf(RATING_LEVELS) })
  levels?: RatingLevel[];

  @ApiPropertyOptional({ example: 'co_so', description: 'rating-share: loại đơn vị được xếp loại' })
  @IsOptional()
  @IsString({ message: Msg.string })
  unitKind?: string;

  @ApiPropertyOptional({ example: '2026', description: 'rating-share: năm xếp loại' })
  @IsOptional()
  @IsString({ message: Msg.string })
  period?: string;

  @ApiPropertyOptional({ example: 'dang_vien_quan_triet', description: 'indicator-*: mã chỉ tiêu' })
  @IsOptional()
  @IsString({ message: Msg.string })
  indicator?: string;

  @ApiPropertyOptional({ example: 'BC1', description: 'indicator-*, reporting-rate: mã nghĩa vụ báo cáo' })
  @IsOptional()
  @IsString({ message: Msg.string })
  obligation?: string;
}

export class TargetDto implements TargetInput {
  @ApiProperty({ example: 'MT1' })
  @RequiredText(32)
  code: string;

  @ApiProperty({ example: 'Trên 80% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên' })
  @RequiredText(2000)
  text: string;

  @ApiProperty({ type: () => TargetMetricDto })
  @ValidateNested({ message: Msg.object })
  @Type(() => TargetMetricDto)
  metric: TargetMetric;

  @ApiProperty({ enum: TARGET_COMPARATORS })
  @IsIn(TARGET_COMPARATORS, { message: Msg.oneOf(TARGET_COMPARATORS) })
  comparator: TargetComparatorInput;

  @ApiProperty({ example: 80, description: 'Giá trị mục tiêu (tỷ lệ tính bằng %)' })
  @IsNumber({}, { message: 'phải là một số' })
  value: number;

  @ApiPropertyOptional({ example: 20, description: 'Cận trên khi so sánh between' })
  @IsOptional()
  @IsNumber({}, { message: 'phải là một số' })
  max?: number;
}
