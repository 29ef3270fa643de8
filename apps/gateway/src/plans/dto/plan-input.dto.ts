import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import type { BasisReference, ImplementingSelector, PlanInput, TaskInput } from '#contracts';
import { Msg } from '../../validation/messages.js';
import { OnlyWhen, type FieldCheck } from '../../validation/validators.js';
import { IndicatorDto, ReportingObligationDto, TargetDto } from './plan-reporting.dto.js';
import { OptionalText, RequiredText } from '../../validation/text.js';

/** `301-KH/TU`, `51-KH/ĐUK`, `144-QĐ/TW`, `12-HD/BTG-TU`: number-KIND/ISSUER. The plans service checks KIND too. */
export const PLAN_SYMBOL = /^\d+-[A-ZĐ]{2,4}\/[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$/u;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const TASK_NUMBER = /^\d+(\.\d+)*$/;
export const MAX_TASKS = 2000;
const MAX_UNIT_CODES = 10_000;

export const IMPLEMENTING_TYPES = ['units', 'direct-subordinates', 'descendants'] as const;

/** As the plans service reads a symbol: NFC, no whitespace anywhere. */
const normaliseSymbol = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, '') : value;

const unitCodeList: FieldCheck = (value) => {
  if (value === undefined || value === null) return Msg.required;
  if (!Array.isArray(value)) return Msg.array;
  if (value.length === 0) return Msg.arrayNotEmpty;
  if (value.length > MAX_UNIT_CODES) return Msg.tooMany(MAX_UNIT_CODES);
  if (!value.every((code) => typeof code === 'string' && code.trim().length > 0)) return 'mỗi phần tử phải là một mã đơn vị';
  return null;
};

const unitKind: FieldCheck = (value) => {
  if (value === undefined || value === null) return Msg.required;
  if (typeof value !== 'string') return Msg.string;
  if (!value.trim()) return Msg.notEmpty;
  return null;
};

/**
 * Validated form of ImplementingSelector (a discriminated union on `type`): `unitCodes` only with
 * `units`, `kind` only with `descendants`, nothing else with `direct-subordinates`.
 */
export class ImplementingDto {
  @ApiProperty({ enum: IMPLEMENTING_TYPES, description: 'units: các đơn vị nêu tên; direct-subordinates: các đơn vị trực thuộc; descendants: mọi đơn vị cấp dưới có loại `kind`' })
  @IsIn(IMPLEMENTING_TYPES, { message: Msg.oneOf(IMPLEMENTING_TYPES) })
  type: ImplementingSelector['type'];

  @ApiPropertyOptional({ type: [String], description: 'Chỉ khi type là units', example: ['HU-01', 'HU-02'] })
  @OnlyWhen('type', 'units', IMPLEMENTING_TYPES, unitCodeList)
  unitCodes?: string[];

  @ApiPropertyOptional({ description: 'Chỉ khi type là descendants', example: 'chi_bo' })
  @OnlyWhen('type', 'descendants', IMPLEMENTING_TYPES, unitKind)
  kind?: string;
}

export class BasisReferenceDto implements BasisReference {
  @ApiProperty({ example: 'Kế hoạch số 301-KH/TU ngày 15/8/2024 của Ban Thường vụ Tỉnh ủy' })
  @RequiredText(2000)
  text: string;

  @ApiPropertyOptional({ description: 'Khi văn bản cấp trên có trong hệ thống' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  planId?: string;
}

export class TaskInputDto implements TaskInput {
  @ApiProperty({ example: '1.2', description: 'Số thứ tự: 1, 1.1, 1.1.2' })
  @IsString({ message: Msg.string })
  @Matches(TASK_NUMBER, { message: 'phải có dạng 1, 1.1, 1.1.2' })
  number: string;

  @ApiProperty({ example: 'Tổ chức quán triệt Nghị quyết' })
  @RequiredText(4000)
  title: string;

  @ApiPropertyOptional({ description: 'Đơn vị chỉ đạo' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  directingUnitCode?: string;

  @ApiPropertyOptional({ description: 'Đơn vị chủ trì' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  leadUnitCode?: string;

  @ApiPropertyOptional({ type: [String], description: 'Đơn vị phối hợp' })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(MAX_UNIT_CODES, { message: Msg.tooMany(MAX_UNIT_CODES) })
  @IsString({ each: true, message: 'mỗi phần tử phải là một mã đơn vị' })
  @IsNotEmpty({ each: true, message: 'mỗi phần tử phải là một mã đơn vị' })
  coordinatingUnitCodes?: string[];

  @ApiPropertyOptional({ type: () => ImplementingDto, description: 'Đơn vị thực hiện' })
  @IsOptional()
  @ValidateNested({ message: Msg.object })
  @Type(() => ImplementingDto)
  implementing?: ImplementingSelector;

  @ApiProperty({ example: 'Hoàn thành trong quý IV/2024', description: 'Thời gian thực hiện, như ghi trong văn bản' })
  @RequiredText(1000)
  timeline: string;

  @ApiPropertyOptional({ description: 'Nhiệm vụ được giao mà nhiệm vụ này triển khai' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  parentAssignmentId?: string;
}

export class PlanInputDto implements PlanInput {
  @ApiProperty({ example: '301-KH/TU', description: 'Số, ký hiệu văn bản' })
  @Transform(normaliseSymbol)
  @IsString({ message: Msg.string })
  @Matches(PLAN_SYMBOL, { message: 'phải có dạng số-loại/cơ quan ban hành, ví dụ 301-KH/TU' })
  symbol: string;

  @ApiProperty({ example: 'Triển khai thực hiện Nghị quyết số 57-NQ/TW', description: 'Trích yếu' })
  @RequiredText(2000)
  title: string;

  @ApiPropertyOptional({ description: 'Mặc định là đơn vị của người dùng' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  issuingUnitCode?: string;

  @ApiProperty({ example: '2024-08-15', description: 'Ngày ban hành (YYYY-MM-DD)' })
  @IsString({ message: Msg.date })
  @Matches(ISO_DATE, { message: Msg.date })
  @IsISO8601({ strict: true }, { message: Msg.date })
  issueDate: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn A' })
  @OptionalText(200)
  signer?: string;

  @ApiPropertyOptional({ type: () => [BasisReferenceDto], description: 'Căn cứ' })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(100, { message: Msg.tooMany(100) })
  @ValidateNested({ each: true, message: Msg.object })
  @Type(() => BasisReferenceDto)
  basis?: BasisReferenceDto[];

  @ApiPropertyOptional({ description: 'Nhiệm vụ được giao mà kế hoạch này triển khai (mặc định cho các nhiệm vụ)' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.notEmpty })
  parentAssignmentId?: string;

  @ApiProperty({ type: () => [TaskInputDto] })
  @IsArray({ message: Msg.array })
  @ArrayMinSize(1, { message: 'kế hoạch phải có ít nhất một nhiệm vụ' })
  @ArrayMaxSize(MAX_TASKS, { message: Msg.tooMany(MAX_TASKS) })
  @ValidateNested({ each: true, message: Msg.object })
  @Type(() => TaskInputDto)
  tasks: TaskInputDto[];

  @ApiPropertyOptional({ type: () => [ReportingObligationDto], description: 'Nghĩa vụ báo cáo: ai báo cáo, cho ai, qua cơ quan nào, khi nào' })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(100, { message: Msg.tooMany(100) })
  @ValidateNested({ each: true, message: Msg.object })
  @Type(() => ReportingObligationDto)
  reportingObligations?: ReportingObligationDto[];

  @ApiPropertyOptional({ type: () => [IndicatorDto], description: 'Chỉ tiêu số liệu các báo cáo thu' })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(200, { message: Msg.tooMany(200) })
  @ValidateNested({ each: true, message: Msg.object })
  @Type(() => IndicatorDto)
  indicators?: IndicatorDto[];

  @ApiPropertyOptional({ type: () => [TargetDto], description: 'Mục tiêu định lượng' })
  @IsOptional()
  @IsArray({ message: Msg.array })
  @ArrayMaxSize(100, { message: Msg.tooMany(100) })
  @ValidateNested({ each: true, message: Msg.object })
  @Type(() => TargetDto)
  targets?: TargetDto[];
}
