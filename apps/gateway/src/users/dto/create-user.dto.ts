import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type CreateUserRequest, type Role } from '#contracts';
import { Msg } from '../../validation/messages.js';

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
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.required })
  @MaxLength(200, { message: Msg.tooLong(200) })
  fullName: string;

  @ApiProperty({ example: 'HU-01' })
  @IsString({ message: Msg.string })
  @IsNotEmpty({ message: Msg.required })
  @MaxLength(64, { message: Msg.tooLong(64) })
  unitCode: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: Msg.oneOf(ROLES) })
  role: Role;
}
