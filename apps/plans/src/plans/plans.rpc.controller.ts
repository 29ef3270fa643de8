import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  RpcPatterns,
  type CreatePlanRequest,
  type ListPlansRequest,
  type PlanPage,
  type PlanRef,
  type PlanView,
  type UpdatePlanRequest,
} from '#contracts';
import { PlansService } from './plans.service.js';

@Controller()
export class PlansRpcController {
  constructor(private readonly plans: PlansService) {}

  @MessagePattern(RpcPatterns.plans.create)
  create(@Payload() request: CreatePlanRequest): Promise<PlanView> {
    return this.plans.create(request.actor, request.plan);
  }

  @MessagePattern(RpcPatterns.plans.update)
  update(@Payload() request: UpdatePlanRequest): Promise<PlanView> {
    return this.plans.update(request.actor, request.planId, request.plan);
  }

  @MessagePattern(RpcPatterns.plans.get)
  get(@Payload() request: PlanRef): Promise<PlanView> {
    return this.plans.get(request.actor, request.planId);
  }

  @MessagePattern(RpcPatterns.plans.list)
  list(@Payload() request: ListPlansRequest): Promise<PlanPage> {
    return this.plans.list(request.actor, request.status, request.page, request.pageSize);
  }

  @MessagePattern(RpcPatterns.plans.issue)
  issue(@Payload() request: PlanRef): Promise<PlanView> {
    return this.plans.issue(request.actor, request.planId);
  }
}
