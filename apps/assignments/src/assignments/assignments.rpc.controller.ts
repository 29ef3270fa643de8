import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  RpcPatterns,
  type AssignmentPage,
  type AssignmentView,
  type GetAssignmentRequest,
  type InboxRequest,
  type ListAssignmentsRequest,
  type TransitionAssignmentRequest,
} from '#contracts';
import { AssignmentsService } from './assignments.service.js';

@Controller()
export class AssignmentsRpcController {
  constructor(private readonly assignments: AssignmentsService) {}

  @MessagePattern(RpcPatterns.assignments.inbox)
  inbox(@Payload() request: InboxRequest): Promise<AssignmentPage> {
    return this.assignments.inbox(request);
  }

  @MessagePattern(RpcPatterns.assignments.list)
  list(@Payload() request: ListAssignmentsRequest): Promise<AssignmentPage> {
    return this.assignments.list(request);
  }

  @MessagePattern(RpcPatterns.assignments.get)
  get(@Payload() request: GetAssignmentRequest): Promise<AssignmentView> {
    return this.assignments.get(request.actor, request.assignmentId);
  }

  @MessagePattern(RpcPatterns.assignments.transition)
  transition(@Payload() request: TransitionAssignmentRequest): Promise<AssignmentView> {
    return this.assignments.transition(request);
  }
}
