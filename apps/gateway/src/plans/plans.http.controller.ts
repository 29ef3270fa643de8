import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
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
import {
  RpcPatterns,
  type Actor,
  type CreatePlanRequest,
  type ListPlansRequest,
  type PlanPage,
  type PlanRef,
  type PlanView,
  type UpdatePlanRequest,
} from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { ListPlansQueryDto } from './dto/list-plans.query.dto.js';
import { PlanInputDto } from './dto/plan-input.dto.js';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: 'Tạo dự thảo kế hoạch' })
  @ApiCreatedResponse({ description: 'PlanView (status draft)' })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'fields chỉ ra từng trường sai, ví dụ tasks[2].timeline' })
  @ApiForbiddenResponse({ type: ErrorBody })
  create(@CurrentActor() actor: Actor, @Body() plan: PlanInputDto): Promise<PlanView> {
    const request: CreatePlanRequest = { actor, plan };
    return this.rpc.send<PlanView>(RpcPatterns.plans.create, request);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Sửa dự thảo kế hoạch (chỉ khi chưa ban hành)' })
  @ApiOkResponse({ description: 'PlanView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Kế hoạch đã ban hành' })
  update(@CurrentActor() actor: Actor, @Param('id') planId: string, @Body() plan: PlanInputDto): Promise<PlanView> {
    const request: UpdatePlanRequest = { actor, planId, plan };
    return this.rpc.send<PlanView>(RpcPatterns.plans.update, request);
  }

  @Get()
  @ApiOperation({ summary: 'Danh sách kế hoạch trong phạm vi của người dùng' })
  @ApiOkResponse({ description: 'PlanPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  list(@CurrentActor() actor: Actor, @Query() query: ListPlansQueryDto): Promise<PlanPage> {
    const request: ListPlansRequest = { actor, ...query };
    return this.rpc.send<PlanPage>(RpcPatterns.plans.list, request);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Xem kế hoạch' })
  @ApiOkResponse({ description: 'PlanView' })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@CurrentActor() actor: Actor, @Param('id') planId: string): Promise<PlanView> {
    const request: PlanRef = { actor, planId };
    return this.rpc.send<PlanView>(RpcPatterns.plans.get, request);
  }

  @Post(':id/issue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ban hành kế hoạch: giao nhiệm vụ cho các đơn vị thực hiện' })
  @ApiOkResponse({ description: 'PlanView (status issued)' })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Kế hoạch đã ban hành' })
  issue(@CurrentActor() actor: Actor, @Param('id') planId: string): Promise<PlanView> {
    const request: PlanRef = { actor, planId };
    return this.rpc.send<PlanView>(RpcPatterns.plans.issue, request);
  }
}
