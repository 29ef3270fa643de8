import { ApiProperty } from '@nestjs/swagger';
import type { LoginRequest } from '#contracts';
import { RequiredText } from '../../validation/text.js';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin' })
  @RequiredText(100)
  username: string;

  @ApiProperty({ example: 'mật-khẩu', format: 'password' })
  @RequiredText(200)
  password: string;
}
