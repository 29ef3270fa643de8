import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  RpcPatterns,
  type Actor,
  type AssignmentPage,
  type AssignmentView,
  type GetAssignmentRequest,
  type InboxRequest,
  type ListAssignmentsRequest,
  type TransitionAssignmentRequest,
} from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { InboxQueryDto, ListAssignmentsQueryDto } from './dto/assignment-filter.query.dto.js';
import { TransitionAssignmentDto } from './dto/transition-assignment.dto.js';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller()
export class AssignmentsHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('inbox')
  @ApiOperation({ summary: 'Nhiệm vụ giao cho đơn vị của người dùng' })
  @ApiOkResponse({ description: 'AssignmentPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  inbox(@CurrentActor() actor: Actor, @Query() query: InboxQueryDto): Promise<AssignmentPage> {
    const request: InboxRequest = { actor, ...query };
    return this.rpc.send<AssignmentPage>(RpcPatterns.assignments.inbox, request);
  }

  @Get('assignments')
  @ApiOperation({ summary: 'Nhiệm vụ của mọi đơn vị trong phạm vi của người dùng' })
  @ApiOkResponse({ description: 'AssignmentPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  list(@CurrentActor() actor: Actor, @Query() query: ListAssignmentsQueryDto): Promise<AssignmentPage> {
    const request: ListAssignmentsRequest = { actor, ...query };
    return this.rpc.send<AssignmentPage>(RpcPatterns.assignments.list, request);
  }

  @Get('assignments/:id')
  @ApiOperation({ summary: 'Xem một nhiệm vụ được giao' })
  @ApiOkResponse({ description: 'AssignmentView' })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@CurrentActor() actor: Actor, @Param('id') assignmentId: string): Promise<AssignmentView> {
    const request: GetAssignmentRequest = { actor, assignmentId };
    return this.rpc.send<AssignmentView>(RpcPatterns.assignments.get, request);
  }

  @Post('assignments/:id/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cập nhật trạng thái: đã nhận, đang thực hiện, hoàn thành' })
  @ApiOkResponse({ description: 'AssignmentView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Chuyển trạng thái không hợp lệ' })
  transition(
    @CurrentActor() actor: Actor,
    @Param('id') assignmentId: string,
    @Body() body: TransitionAssignmentDto,
  ): Promise<AssignmentView> {
    const request: TransitionAssignmentRequest = { actor, assignmentId, status: body.status, resultNote: body.resultNote };
    return this.rpc.send<AssignmentView>(RpcPatterns.assignments.transition, request);
  }
}
