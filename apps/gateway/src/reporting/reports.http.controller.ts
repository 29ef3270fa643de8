import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  RpcPatterns,
  type Actor,
  type GetReportRequest,
  type ListReportsRequest,
  type ReportPage,
  type ReportView,
  type ReviewReportRequest,
  type SaveReportDraftRequest,
  type SubmitReportRequest,
} from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { invalidRequest } from '../validation/validation.js';
import { ListReportsQueryDto, ReportDraftDto, ReturnReportDto, SubmitReportDto } from './dto/reporting.dto.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Báo cáo phải nộp trong phạm vi của người dùng (mine=true: của đơn vị mình; throughMe=true: gửi qua đơn vị mình)' })
  @ApiOkResponse({ description: 'ReportPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  list(@CurrentActor() actor: Actor, @Query() query: ListReportsQueryDto): Promise<ReportPage> {
    const request: ListReportsRequest = { actor, ...query };
    return this.rpc.send<ReportPage>(RpcPatterns.reporting.listReports, request);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Xem một báo cáo, các chỉ tiêu phải nhập và mọi phiên bản đã nộp' })
  @ApiOkResponse({ description: 'ReportView' })
  @ApiNotFoundResponse({ type: ErrorBody })
  get(@CurrentActor() actor: Actor, @Param('id') reportId: string): Promise<ReportView> {
    const request: GetReportRequest = { actor, reportId };
    return this.rpc.send<ReportView>(RpcPatterns.reporting.getReport, request);
  }

  @Put(':id/draft')
  @ApiOperation({ summary: 'Lưu bản nháp số liệu (chưa nộp)' })
  @ApiOkResponse({ description: 'ReportView' })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'fields chỉ ra từng chỉ tiêu sai, ví dụ figures.dang_vien' })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody })
  draft(@CurrentActor() actor: Actor, @Param('id') reportId: string, @Body() body: ReportDraftDto): Promise<ReportView> {
    const request: SaveReportDraftRequest = { actor, reportId, figures: body.figures, note: body.note };
    return this.rpc.send<ReportView>(RpcPatterns.reporting.saveDraft, request);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nộp (hoặc nộp lại) báo cáo với số liệu' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Gửi lại cùng khóa không tạo phiên bản mới' })
  @ApiOkResponse({ description: 'ReportView' })
  @ApiBadRequestResponse({ type: ErrorBody, description: 'fields chỉ ra từng chỉ tiêu sai, ví dụ figures.dang_vien' })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Báo cáo đã nộp, đang chờ xem xét, hoặc đã duyệt' })
  submit(
    @CurrentActor() actor: Actor,
    @Param('id') reportId: string,
    @Body() body: SubmitReportDto,
    @Headers('idempotency-key') header?: string,
  ): Promise<ReportView> {
    if (header !== undefined && !/^[\x21-\x7e]{1,200}$/.test(header)) {
      throw invalidRequest([{ path: 'Idempotency-Key', message: 'gồm 1–200 ký tự in được, không khoảng trắng' }]);
    }
    const request: SubmitReportRequest = { actor, reportId, figures: body.figures, note: body.note, idempotencyKey: header ?? body.idempotencyKey };
    return this.rpc.send<ReportView>(RpcPatterns.reporting.submitReport, request);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cấp trên (hoặc cơ quan theo dõi) duyệt báo cáo' })
  @ApiOkResponse({ description: 'ReportView' })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody })
  accept(@CurrentActor() actor: Actor, @Param('id') reportId: string): Promise<ReportView> {
    const request: ReviewReportRequest = { actor, reportId, decision: 'accept' };
    return this.rpc.send<ReportView>(RpcPatterns.reporting.reviewReport, request);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cấp trên (hoặc cơ quan theo dõi) trả lại báo cáo, nêu lý do' })
  @ApiOkResponse({ description: 'ReportView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody })
  returnReport(@CurrentActor() actor: Actor, @Param('id') reportId: string, @Body() body: ReturnReportDto): Promise<ReportView> {
    const request: ReviewReportRequest = { actor, reportId, decision: 'return', reason: body.reason };
    return this.rpc.send<ReportView>(RpcPatterns.reporting.reviewReport, request);
  }
}
