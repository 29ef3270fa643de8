import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { requestIdFrom } from '../http/request-id.js';
import type { HttpRequest } from '../http/http-types.js';
import { actorFromClaims } from './actor-claims.js';
import { IS_PUBLIC } from './public.decorator.js';

const unauthenticated = (message = 'Bạn cần đăng nhập') => new UnauthorizedException({ code: 'AUTH.UNAUTHENTICATED', message });

/**
 * Global guard: every route needs `Authorization: Bearer <jwt>` signed with JWT_SECRET (HS256)
 * unless marked @Public(). The token's claims become the request's Actor.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<HttpRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthenticated();
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch (error) {
      const expired = (error as Error)?.name === 'TokenExpiredError';
      throw unauthenticated(expired ? 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại' : 'Mã xác thực không hợp lệ');
    }
    const actor = actorFromClaims(claims, request.requestId ?? requestIdFrom(request.headers['x-request-id']));
    if (!actor) throw unauthenticated('Mã xác thực không hợp lệ');
    request.actor = actor;
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match ? match[1] : null;
}
