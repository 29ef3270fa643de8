import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RpcPatterns, type Actor, type CreateUserRequest, type UpdateUserRequest, type UserView } from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { CreateUserDto, UpdateUserDto } from './dto/create-user.dto.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('me')
  @ApiOperation({ summary: 'Người dùng đang đăng nhập' })
  @ApiOkResponse({ description: 'UserView' })
  me(@CurrentActor() actor: Actor): Promise<UserView> {
    return this.rpc.send<UserView>(RpcPatterns.directory.me, { actor });
  }

  @Post('users')
  @ApiOperation({ summary: 'Tạo người dùng trong một đơn vị thuộc phạm vi của mình' })
  @ApiCreatedResponse({ description: 'UserView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Tên đăng nhập đã tồn tại' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserView> {
    const request: CreateUserRequest = { actor, ...body };
    return this.rpc.send<UserView>(RpcPatterns.directory.createUser, request);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Sửa người dùng: họ tên, e-mail (chính mình), vai trò, khóa/mở (quyền ghi trên đơn vị)' })
  @ApiOkResponse({ description: 'UserView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Không thể tự khóa hoặc tự đổi vai trò' })
  update(@CurrentActor() actor: Actor, @Param('id') userId: string, @Body() body: UpdateUserDto): Promise<UserView> {
    const request: UpdateUserRequest = { actor, userId, ...body };
    return this.rpc.send<UserView>(RpcPatterns.directory.updateUser, request);
  }
}
