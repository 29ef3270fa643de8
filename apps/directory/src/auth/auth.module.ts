import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { UsersModule } from '../users/users.module.js';
import { AuthRpcController } from './auth.rpc.controller.js';
import { AuthService } from './auth.service.js';

/** Login: checks a password and signs the HS256 token the gateway verifies with the same secret. */
@Module({
  // Secret, algorithm and TTL are passed at each sign from the directory config.
  imports: [JwtModule.register({}), UsersModule],
  controllers: [AuthRpcController],
  providers: [AuthService],
})
export class AuthModule {}
