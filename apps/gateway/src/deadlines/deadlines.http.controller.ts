import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
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
  DeadlineRpcPatterns,
  type Actor,
  type AssignmentDeadlines,
  type AssignmentDeadlinesRequest,
  type CompleteOccurrenceRequest,
  type DecideExtensionRequest,
  type DeadlineListPage,
  type DeadlinePolicyView,
  type DueItemView,
  type ExtensionPage,
  type ExtensionView,
  type GetDeadlinePolicyRequest,
  type ListExtensionsRequest,
  type OverdueByUnit,
  type OverdueByUnitRequest,
  type OverdueSubtreeRequest,
  type RequestExtensionRequest,
  type SetDeadlinePolicyRequest,
  type UnitDeadlinesRequest,
} from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import {
  CompleteOccurrenceDto,
  DeadlinePolicyDto,
  DecideExtensionDto,
  ListExtensionsQueryDto,
  OverdueSubtreeQueryDto,
  RequestExtensionDto,
  UnitDeadlinesQueryDto,
} from './dto/deadlines.dto.js';

/** Deadlines watched by the assignments service: lists, history, extensions, each plan's policy. */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller()
export class DeadlinesHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('deadlines/due-soon')
  @ApiOperation({ summary: 'Nhiệm vụ của đơn vị mình sắp đến hạn' })
  @ApiOkResponse({ description: 'DeadlineListPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  dueSoon(@CurrentActor() actor: Actor, @Query() query: UnitDeadlinesQueryDto): Promise<DeadlineListPage> {
    return this.rpc.send<DeadlineListPage>(DeadlineRpcPatterns.dueSoon, { actor, ...query } satisfies UnitDeadlinesRequest);
  }

  @Get('deadlines/overdue')
  @ApiOperation({ summary: 'Nhiệm vụ của đơn vị mình đã quá hạn, quá hạn lâu nhất trước' })
  @ApiOkResponse({ description: 'DeadlineListPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  overdue(@CurrentActor() actor: Actor, @Query() query: UnitDeadlinesQueryDto): Promise<DeadlineListPage> {
    return this.rpc.send<DeadlineListPage>(DeadlineRpcPatterns.overdue, { actor, ...query } satisfies UnitDeadlinesRequest);
  }

  @Get('deadlines/overdue/by-unit')
  @ApiOperation({ summary: 'Số nhiệm vụ quá hạn trong cây con của từng đơn vị trực thuộc' })
  @ApiOkResponse({ description: 'OverdueByUnit' })
  overdueByUnit(@CurrentActor() actor: Actor): Promise<OverdueByUnit> {
    return this.rpc.send<OverdueByUnit>(DeadlineRpcPatterns.overdueByUnit, { actor } satisfies OverdueByUnitRequest);
  }

  @Get('deadlines/overdue/subtree')
  @ApiOperation({ summary: 'Nhiệm vụ quá hạn trong phạm vi của mình, quá hạn lâu nhất trước, có phân trang' })
  @ApiOkResponse({ description: 'DeadlineListPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  overdueSubtree(@CurrentActor() actor: Actor, @Query() query: OverdueSubtreeQueryDto): Promise<DeadlineListPage> {
    return this.rpc.send<DeadlineListPage>(DeadlineRpcPatterns.overdueSubtree, { actor, ...query } satisfies OverdueSubtreeRequest);
  }

  @Get('assignments/:id/deadlines')
  @ApiOperation({ summary: 'Thời hạn, các kỳ, lịch sử nhắc/báo quá hạn/chuyển cấp và gia hạn của một nhiệm vụ' })
  @ApiOkResponse({ description: 'AssignmentDeadlines' })
  @ApiNotFoundResponse({ type: ErrorBody })
  assignmentDeadlines(@CurrentActor() actor: Actor, @Param('id') assignmentId: string): Promise<AssignmentDeadlines> {
    return this.rpc.send<AssignmentDeadlines>(DeadlineRpcPatterns.assignmentDeadlines, { actor, assignmentId } satisfies AssignmentDeadlinesRequest);
  }

  @Post('assignments/:id/occurrences/:dueItemId/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Báo hoàn thành một kỳ của nhiệm vụ định kỳ' })
  @ApiOkResponse({ description: 'DueItemView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody })
  completeOccurrence(
    @CurrentActor() actor: Actor,
    @Param('id') assignmentId: string,
    @Param('dueItemId') dueItemId: string,
    @Body() body: CompleteOccurrenceDto,
  ): Promise<DueItemView> {
    const request: CompleteOccurrenceRequest = { actor, assignmentId, dueItemId, note: body.note };
    return this.rpc.send<DueItemView>(DeadlineRpcPatterns.completeOccurrence, request);
  }

  @Post('assignments/:id/extensions')
  @ApiOperation({ summary: 'Đề nghị gia hạn (đơn vị được giao)' })
  @ApiOkResponse({ description: 'ExtensionView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Đã có đề nghị đang chờ' })
  requestExtension(@CurrentActor() actor: Actor, @Param('id') assignmentId: string, @Body() body: RequestExtensionDto): Promise<ExtensionView> {
    const request: RequestExtensionRequest = { actor, assignmentId, ...body };
    return this.rpc.send<ExtensionView>(DeadlineRpcPatterns.requestExtension, request);
  }

  @Get('extensions')
  @ApiOperation({ summary: 'Đề nghị gia hạn gửi đơn vị mình (incoming) hoặc của đơn vị mình (outgoing)' })
  @ApiOkResponse({ description: 'ExtensionPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  listExtensions(@CurrentActor() actor: Actor, @Query() query: ListExtensionsQueryDto): Promise<ExtensionPage> {
    return this.rpc.send<ExtensionPage>(DeadlineRpcPatterns.listExtensions, { actor, ...query } satisfies ListExtensionsRequest);
  }

  @Post('extensions/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đồng ý hoặc không đồng ý gia hạn (đơn vị giao nhiệm vụ)' })
  @ApiOkResponse({ description: 'ExtensionView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Đã quyết định, hoặc vượt thời hạn của nhiệm vụ cấp trên' })
  decideExtension(@CurrentActor() actor: Actor, @Param('id') extensionId: string, @Body() body: DecideExtensionDto): Promise<ExtensionView> {
    const request: DecideExtensionRequest = { actor, extensionId, ...body };
    return this.rpc.send<ExtensionView>(DeadlineRpcPatterns.decideExtension, request);
  }

  @Get('plans/:id/deadline-policy')
  @ApiOperation({ summary: 'Chính sách nhắc hạn và chuyển cấp của kế hoạch' })
  @ApiOkResponse({ description: 'DeadlinePolicyView' })
  @ApiNotFoundResponse({ type: ErrorBody })
  getPolicy(@CurrentActor() actor: Actor, @Param('id') planId: string): Promise<DeadlinePolicyView> {
    return this.rpc.send<DeadlinePolicyView>(DeadlineRpcPatterns.getPolicy, { actor, planId } satisfies GetDeadlinePolicyRequest);
  }

  @Put('plans/:id/deadline-policy')
  @ApiOperation({ summary: 'Đặt chính sách riêng cho kế hoạch (đơn vị ban hành); áp dụng ngay cho các nhiệm vụ đang mở' })
  @ApiOkResponse({ description: 'DeadlinePolicyView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  setPolicy(@CurrentActor() actor: Actor, @Param('id') planId: string, @Body() policy: DeadlinePolicyDto): Promise<DeadlinePolicyView> {
    const request: SetDeadlinePolicyRequest = { actor, planId, policy: { reminders: policy.reminders, escalations: policy.escalations } };
    return this.rpc.send<DeadlinePolicyView>(DeadlineRpcPatterns.setPolicy, request);
  }

  @Delete('plans/:id/deadline-policy')
  @ApiOperation({ summary: 'Trở về chính sách mặc định' })
  @ApiOkResponse({ description: 'DeadlinePolicyView' })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  resetPolicy(@CurrentActor() actor: Actor, @Param('id') planId: string): Promise<DeadlinePolicyView> {
    return this.rpc.send<DeadlinePolicyView>(DeadlineRpcPatterns.setPolicy, { actor, planId, policy: null } satisfies SetDeadlinePolicyRequest);
  }
}
