import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Msg } from '../validation/messages.js';
import { OptionalText } from '../validation/text.js';

/**
 * What the person adds to a document that lacks it (a draft without a symbol cannot be created),
 * and the reference date for timelines without a year when the document has no issue date.
 */
export class PlanImportQueryDto {
  @ApiPropertyOptional({ example: '12-KH/TU', description: 'Số, ký hiệu, khi văn bản chưa có' })
  @OptionalText(64)
  symbol?: string;

  @ApiPropertyOptional({ example: '2024-10-15', description: 'Ngày ban hành (YYYY-MM-DD), khi văn bản chưa có' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: Msg.date })
  issueDate?: string;

  @ApiPropertyOptional({ description: 'Trích yếu, khi văn bản chưa có' })
  @OptionalText(2000)
  title?: string;

  @ApiPropertyOptional({ example: '2024-10-15', description: 'Ngày tham chiếu cho thời hạn không ghi năm khi văn bản không có ngày ban hành (mặc định hôm nay)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: Msg.date })
  referenceDate?: string;

  @ApiPropertyOptional({ description: 'Tên tệp, khi gửi văn bản thuần' })
  @OptionalText(255)
  fileName?: string;
}
