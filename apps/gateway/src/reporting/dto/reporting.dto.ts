import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  RATING_LEVELS,
  REPORT_STATUSES,
  type Figures,
  type ListReportsRequest,
  type RatingLevel,
  type RatingRule,
  type ReportStatus,
} from '#contracts';
import { PageQueryDto } from '../../http/page-query.dto.js';
import { Msg } from '../../validation/messages.js';
import { OptionalText, RequiredText } from '../../validation/text.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListReportsQueryDto extends PageQueryDto implements Omit<ListReportsRequest, 'actor'> {
  @ApiPropertyOptional({ description: 'Chỉ báo cáo của đơn vị mình' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'phải là true hoặc false' })
  mine?: boolean;

  @ApiPropertyOptional({ description: 'Báo cáo gửi qua (hoặc gửi đến) đơn vị mình: cơ quan theo dõi xem để duyệt' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'phải là true hoặc false' })
  throughMe?: boolean;

  @ApiPropertyOptional()
  @OptionalText(64)
  planId?: string;

  @ApiPropertyOptional({ example: 'BC1', description: 'Mã nghĩa vụ báo cáo' })
  @OptionalText(32)
  obligationCode?: string;

  @ApiPropertyOptional({ example: '2026', description: 'Kỳ báo cáo: 2026, 2026-Q4, 2026-12-24' })
  @OptionalText(16)
  period?: string;

  @ApiPropertyOptional({ enum: REPORT_STATUSES })
  @IsOptional()
  @IsIn(REPORT_STATUSES, { message: Msg.oneOf(REPORT_STATUSES) })
  status?: ReportStatus;

  @ApiPropertyOptional({ description: 'Mã đơn vị báo cáo' })
  @OptionalText(64)
  unitCode?: string;
}

export class ReportDraftDto {
  @ApiProperty({ example: { dang_vien: 72, dang_vien_quan_triet: 72, hoi_nghi: true }, description: 'Mã chỉ tiêu → giá trị (số, true/false, văn bản)' })
  @IsObject({ message: Msg.object })
  figures: Figures;

  @ApiPropertyOptional({ description: 'Thuyết minh' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @MaxLength(10_000, { message: Msg.tooLong(10_000) })
  note?: string;
}

export class SubmitReportDto extends ReportDraftDto {
  @ApiPropertyOptional({ description: 'Khóa chống nộp trùng (hoặc tiêu đề Idempotency-Key): gửi lại cùng khóa không tạo phiên bản mới' })
  @IsOptional()
  @IsString({ message: Msg.string })
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'gồm 1–200 ký tự in được, không khoảng trắng' })
  idempotencyKey?: string;
}

export class ReturnReportDto {
  @ApiProperty({ example: 'Số liệu đảng viên được quán triệt chưa khớp với danh sách' })
  @RequiredText(4000)
  reason: string;
}

/** `?unitCode=&obligation=&period=`: whose subtree, which report and period. */
export class SummaryQueryDto {
  @ApiPropertyOptional({ description: 'Gốc của phạm vi tổng hợp (mặc định: đơn vị của người dùng)' })
  @OptionalText(64)
  unitCode?: string;

  @ApiPropertyOptional({ example: 'BC1', description: 'Mã nghĩa vụ báo cáo (mặc định: báo cáo đầu tiên có chỉ tiêu)' })
  @OptionalText(32)
  obligation?: string;

  @ApiPropertyOptional({ example: '2026', description: 'Kỳ báo cáo (mặc định: kỳ đang báo cáo)' })
  @OptionalText(16)
  period?: string;
}

export class TreeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Đơn vị có các đơn vị trực thuộc được liệt kê (mặc định: đơn vị của người dùng)' })
  @OptionalText(64)
  unitCode?: string;

  @ApiPropertyOptional({ example: 'BC1' })
  @OptionalText(32)
  obligation?: string;

  @ApiPropertyOptional({ example: '2026' })
  @OptionalText(16)
  period?: string;
}

export class ExportQueryDto extends SummaryQueryDto {
  @ApiPropertyOptional({ example: '15', description: 'Số văn bản (để trống cho văn thư ghi)' })
  @OptionalText(20)
  number?: string;

  @ApiPropertyOptional({ example: 'HU', description: 'Ký hiệu cơ quan ban hành (mặc định: mã đơn vị)' })
  @OptionalText(32)
  issuerCode?: string;

  @ApiPropertyOptional({ example: 'Đông Anh', description: 'Địa danh ở dòng ngày tháng' })
  @OptionalText(100)
  place?: string;

  @ApiPropertyOptional({ example: '2026-11-25', description: 'Ngày ký (mặc định: hôm nay)' })
  @IsOptional()
  @Matches(ISO_DATE, { message: Msg.date })
  date?: string;

  @ApiPropertyOptional({ example: 'Nguyễn Văn A', description: 'Người ký' })
  @OptionalText(200)
  signer?: string;
}

export class RatingPeriodQueryDto {
  @ApiProperty({ example: '2026', description: 'Năm đánh giá' })
  @Matches(YEAR, { message: 'phải là năm dạng YYYY' })
  period: string;

  @ApiPropertyOptional({ description: 'Đơn vị (mặc định: đơn vị của người dùng)' })
  @OptionalText(64)
  unitCode?: string;
}

export class ListRatingsQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2026', description: 'Năm đánh giá' })
  @Matches(YEAR, { message: 'phải là năm dạng YYYY' })
  period: string;

  @ApiPropertyOptional({ description: 'Đơn vị có các đơn vị trực thuộc được liệt kê (mặc định: đơn vị của người dùng)' })
  @OptionalText(64)
  unitCode?: string;
}

export class RateUnitDto {
  @ApiProperty({ enum: RATING_LEVELS })
  @IsIn(RATING_LEVELS, { message: Msg.oneOf(RATING_LEVELS) })
  level: RatingLevel;

  @ApiPropertyOptional()
  @OptionalText(4000)
  note?: string;
}

const RULE_LEVELS = ['excellent', 'good', 'done'] as const;

export class RatingRuleDto implements RatingRule {
  @ApiProperty({ enum: RULE_LEVELS })
  @IsIn(RULE_LEVELS, { message: Msg.oneOf(RULE_LEVELS) })
  level: (typeof RULE_LEVELS)[number];

  @ApiProperty({ example: 0.9, description: 'Tỷ lệ nhiệm vụ hoàn thành tối thiểu (0–1)' })
  @IsNumber({}, { message: 'phải là một số' })
  minDoneShare: number;

  @ApiProperty({ example: 0.7, description: 'Tỷ lệ nhiệm vụ hoàn thành đúng hạn tối thiểu (0–1)' })
  @IsNumber({}, { message: 'phải là một số' })
  minOnTimeShare: number;
}

export class RatingRulesDto {
  @ApiProperty({ type: () => [RatingRuleDto], description: 'Từ mức cao xuống mức thấp; không đạt quy tắc nào: Không hoàn thành nhiệm vụ' })
  @IsArray({ message: Msg.array })
  @ArrayMinSize(1, { message: Msg.arrayNotEmpty })
  @ArrayMaxSize(3, { message: Msg.tooMany(3) })
  @ValidateNested({ each: true, message: Msg.object })
  @Type(() => RatingRuleDto)
  rules: RatingRuleDto[];
}
