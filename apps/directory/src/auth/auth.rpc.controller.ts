import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcPatterns, type LoginRequest, type LoginResult } from '#contracts';
import { AuthService } from './auth.service.js';

@Controller()
export class AuthRpcController {
  constructor(private readonly auth: AuthService) {}

  @MessagePattern(RpcPatterns.directory.login)
  login(@Payload() request: LoginRequest): Promise<LoginResult> {
    return this.auth.login(request);
  }
}
