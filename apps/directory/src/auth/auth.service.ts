import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginRequest, LoginResult } from '#contracts';
import { DomainError } from '#service-kit';
import { DIRECTORY_CONFIG, type DirectoryConfig } from '../directory.config.js';
import { decoyHash, verifyPassword } from '../users/password-hasher.js';
import { UsersService } from '../users/users.service.js';
import { claimsOf } from './token-claims.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(DIRECTORY_CONFIG) private readonly config: DirectoryConfig,
  ) {}

  /** A wrong username and a wrong password are the same 401, in about the same time. */
  async login(request: LoginRequest): Promise<LoginResult> {
    const password = typeof request?.password === 'string' ? request.password : '';
    const found = await this.users.findCredentials(typeof request?.username === 'string' ? request.username : '');
    // Without a user, verify against a decoy anyway so the time taken does not reveal which it was.
    const valid = await verifyPassword(found?.passwordHash ?? (await decoyHash()), password);
    if (!found || !valid) {
      throw new DomainError('AUTH.INVALID_CREDENTIALS', 401, 'Tên đăng nhập hoặc mật khẩu không đúng');
    }
    const accessToken = await this.jwt.signAsync(
      { ...claimsOf(found.user) },
      { algorithm: 'HS256', secret: this.config.JWT_SECRET, expiresIn: this.config.JWT_TTL_SECONDS },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS, user: found.user };
  }
}
