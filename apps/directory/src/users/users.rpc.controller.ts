import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcPatterns, type Actor, type CreateUserRequest, type UpdateUserRequest, type UserView } from '#contracts';
import { UsersService } from './users.service.js';

@Controller()
export class UsersRpcController {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(RpcPatterns.directory.createUser)
  create(@Payload() request: CreateUserRequest): Promise<UserView> {
    return this.users.create(request);
  }

  @MessagePattern(RpcPatterns.directory.updateUser)
  update(@Payload() request: UpdateUserRequest): Promise<UserView> {
    return this.users.update(request);
  }

  @MessagePattern(RpcPatterns.directory.me)
  me(@Payload() request: { actor: Actor }): Promise<UserView> {
    return this.users.me(request?.actor);
  }
}
