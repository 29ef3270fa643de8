import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { LoginRequest } from '#contracts';
import { Msg } from '../../validation/messages.js';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.required })
  @MaxLength(100, { message: Msg.tooLong(100) })
  username: string;

  @ApiProperty({ example: 'mật-khẩu', format: 'password' })
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.required })
  @MaxLength(200, { message: Msg.tooLong(200) })
  password: string;
}
