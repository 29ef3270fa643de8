import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError } from '#contracts';

/** Documentation of the body of every error the gateway answers with. */
export class FieldErrorBody implements FieldError {
  @ApiProperty({ example: 'tasks[0].timeline' })
  path: string;

  @ApiProperty({ example: 'là bắt buộc' })
  message: string;
}

export class ErrorBody {
  @ApiProperty({ example: 'REQUEST.INVALID', description: 'Mã lỗi ổn định, dùng để xử lý ở phía client' })
  code: string;

  @ApiProperty({ example: 'Dữ liệu gửi lên không hợp lệ' })
  message: string;

  @ApiPropertyOptional({ type: () => [FieldErrorBody] })
  fields?: FieldErrorBody[];
}
