import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DeadlineRpcPatterns,
  type AssignmentDeadlines,
  type AssignmentDeadlinesRequest,
  type CompleteOccurrenceRequest,
  type DeadlineListPage,
  type DeadlinePolicyView,
  type DueItemView,
  type GetDeadlinePolicyRequest,
  type OverdueByUnit,
  type OverdueByUnitRequest,
  type OverdueSubtreeRequest,
  type SetDeadlinePolicyRequest,
  type UnitDeadlinesRequest,
} from '#contracts';
import { DeadlinesService } from './deadlines.service.js';

@Controller()
export class DeadlinesRpcController {
  constructor(private readonly deadlines: DeadlinesService) {}

  @MessagePattern(DeadlineRpcPatterns.assignmentDeadlines)
  assignmentDeadlines(@Payload() request: AssignmentDeadlinesRequest): Promise<AssignmentDeadlines> {
    return this.deadlines.assignmentDeadlines(request);
  }

  @MessagePattern(DeadlineRpcPatterns.dueSoon)
  dueSoon(@Payload() request: UnitDeadlinesRequest): Promise<DeadlineListPage> {
    return this.deadlines.dueSoon(request);
  }

  @MessagePattern(DeadlineRpcPatterns.overdue)
  overdue(@Payload() request: UnitDeadlinesRequest): Promise<DeadlineListPage> {
    return this.deadlines.overdue(request);
  }

  @MessagePattern(DeadlineRpcPatterns.overdueSubtree)
  overdueSubtree(@Payload() request: OverdueSubtreeRequest): Promise<DeadlineListPage> {
    return this.deadlines.overdueSubtree(request);
  }

  @MessagePattern(DeadlineRpcPatterns.overdueByUnit)
  overdueByUnit(@Payload() request: OverdueByUnitRequest): Promise<OverdueByUnit> {
    return this.deadlines.overdueByUnit(request);
  }

  @MessagePattern(DeadlineRpcPatterns.completeOccurrence)
  completeOccurrence(@Payload() request: CompleteOccurrenceRequest): Promise<DueItemView> {
    return this.deadlines.completeOccurrence(request);
  }

  @MessagePattern(DeadlineRpcPatterns.getPolicy)
  getPolicy(@Payload() request: GetDeadlinePolicyRequest): Promise<DeadlinePolicyView> {
    return this.deadlines.getPolicy(request);
  }

  @MessagePattern(DeadlineRpcPatterns.setPolicy)
  setPolicy(@Payload() request: SetDeadlinePolicyRequest): Promise<DeadlinePolicyView> {
    return this.deadlines.setPolicy(request);
  }
}
