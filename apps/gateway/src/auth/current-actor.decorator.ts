import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '#contracts';
import type { HttpRequest } from '../http/http-types.js';

/** The Actor the JWT guard built for this request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<HttpRequest>().actor;
  // Only reachable if a route using it was marked @Public() by mistake.
  if (!actor) throw new UnauthorizedException({ code: 'AUTH.UNAUTHENTICATED', message: 'Bạn cần đăng nhập' });
  return actor;
});
