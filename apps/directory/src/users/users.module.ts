import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module.js';
import { AdminSeeder } from './admin-seeder.js';
import { UsersRpcController } from './users.rpc.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [UnitsModule],
  controllers: [UsersRpcController],
  providers: [UsersService, AdminSeeder],
  exports: [UsersService],
})
export class UsersModule {}
