import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { ROLES, type CreateUserRequest, type Role, type UpdateUserRequest } from '#contracts';
import { Msg } from '../../validation/messages.js';
import { OptionalText, RequiredText } from '../../validation/text.js';

const EMAIL_MESSAGE = 'phải là một địa chỉ e-mail';

export class CreateUserDto implements Omit<CreateUserRequest, 'actor'> {
  @ApiProperty({ example: 'vp.huyenuy', minLength: 3, maxLength: 64 })
  @IsString({ message: Msg.string })
  @Matches(/^\S{3,64}$/, { message: 'phải dài 3-64 ký tự và không chứa khoảng trắng' })
  username: string;

  @ApiProperty({ format: 'password', minLength: 8 })
  @IsString({ message: Msg.string })
  @MinLength(8, { message: 'phải có ít nhất 8 ký tự' })
  @MaxLength(200, { message: Msg.tooLong(200) })
  password: string;

  @ApiProperty({ example: 'Nguyễn Văn A' })
  @RequiredText(200)
  fullName: string;

  @ApiProperty({ example: 'HU-01' })
  @RequiredText(64)
  unitCode: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: Msg.oneOf(ROLES) })
  role: Role;

  @ApiPropertyOptional({ example: 'vanphong@huyenuy.vn', nullable: true, description: 'Nhận thông báo qua e-mail' })
  @IsOptional()
  @IsEmail({}, { message: EMAIL_MESSAGE })
  @MaxLength(254, { message: Msg.tooLong(254) })
  email?: string | null;
}

/** `PATCH /api/users/:id`: only the fields sent change; `email: null` removes the address. */
export class UpdateUserDto implements Omit<UpdateUserRequest, 'actor' | 'userId'> {
  @ApiPropertyOptional({ example: 'Nguyễn Văn A' })
  @OptionalText(200, { nonEmpty: true })
  fullName?: string;

  @ApiPropertyOptional({ example: 'vanphong@huyenuy.vn', nullable: true })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @IsEmail({}, { message: EMAIL_MESSAGE })
  @MaxLength(254, { message: Msg.tooLong(254) })
  email?: string | null;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: Msg.oneOf(ROLES) })
  role?: Role;

  @ApiPropertyOptional({ description: 'false: khóa tài khoản (không đăng nhập, không nhận thông báo)' })
  @IsOptional()
  @IsBoolean({ message: 'phải là true hoặc false' })
  active?: boolean;
}
