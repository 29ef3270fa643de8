import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RpcPatterns, type LoginRequest, type LoginResult } from '#contracts';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { LoginDto } from './dto/login.dto.js';
import { Public } from './public.decorator.js';

@ApiTags('auth')
@Controller('auth')
export class AuthHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng nhập, nhận access token (Bearer)' })
  @ApiOkResponse({ description: 'LoginResult: accessToken, tokenType, expiresIn, user' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'Sai tên đăng nhập hoặc mật khẩu' })
  login(@Body() body: LoginDto): Promise<LoginResult> {
    const request: LoginRequest = { username: body.username, password: body.password };
    return this.rpc.send<LoginResult>(RpcPatterns.directory.login, request);
  }
}
