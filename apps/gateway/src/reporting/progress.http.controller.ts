import { Controller, Get, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  RpcPatterns,
  type Actor,
  type ExportFile,
  type ExportReportRequest,
  type PlanSummaryRequest,
  type PlanTreeRequest,
  type ProgressTreePage,
  type RebuildRollupResult,
  type ReportingPlanView,
  type UnitSummary,
} from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { ExportQueryDto, SummaryQueryDto, TreeQueryDto } from './dto/reporting.dto.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII name and the exact UTF-8 one (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@ApiTags('reporting')
@ApiBearerAuth()
@Controller('reporting')
export class ProgressHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('plans/:planId')
  @ApiOperation({ summary: 'Nghĩa vụ báo cáo, các kỳ đã mở, chỉ tiêu và mục tiêu của kế hoạch' })
  @ApiOkResponse({ description: 'ReportingPlanView' })
  @ApiNotFoundResponse({ type: ErrorBody })
  plan(@CurrentActor() actor: Actor, @Param('planId') planId: string): Promise<ReportingPlanView> {
    return this.rpc.send<ReportingPlanView>(RpcPatterns.reporting.plan, { actor, planId });
  }

  @Get('plans/:planId/summary')
  @ApiOperation({ summary: 'Tổng hợp một đơn vị (toàn bộ cấp dưới): nhiệm vụ, tình hình báo cáo, số liệu, xếp loại, mục tiêu' })
  @ApiOkResponse({ description: 'UnitSummary' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  summary(@CurrentActor() actor: Actor, @Param('planId') planId: string, @Query() query: SummaryQueryDto): Promise<UnitSummary> {
    const request: PlanSummaryRequest = { actor, planId, ...query };
    return this.rpc.send<UnitSummary>(RpcPatterns.reporting.summary, request);
  }

  @Get('plans/:planId/tree')
  @ApiOperation({ summary: 'Cây tiến độ: các đơn vị trực thuộc (mỗi đơn vị tổng hợp cả cấp dưới), phân trang' })
  @ApiOkResponse({ description: 'ProgressTreePage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  tree(@CurrentActor() actor: Actor, @Param('planId') planId: string, @Query() query: TreeQueryDto): Promise<ProgressTreePage> {
    const request: PlanTreeRequest = { actor, planId, ...query };
    return this.rpc.send<ProgressTreePage>(RpcPatterns.reporting.tree, request);
  }

  @Get('plans/:planId/export.docx')
  @ApiOperation({ summary: 'Báo cáo tổng hợp (Word), trình bày theo thể thức văn bản của Đảng' })
  @ApiProduces(DOCX)
  @ApiOkResponse({ description: 'Tệp .docx' })
  @ApiNotFoundResponse({ type: ErrorBody })
  exportDocx(@CurrentActor() actor: Actor, @Param('planId') planId: string, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    return this.download({ actor, planId, ...query, format: 'docx' });
  }

  @Get('plans/:planId/export.xlsx')
  @ApiOperation({ summary: 'Bảng tổng hợp (Excel): mỗi đơn vị một dòng, dòng tổng cộng, trang mục tiêu' })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'Tệp .xlsx' })
  @ApiNotFoundResponse({ type: ErrorBody })
  exportXlsx(@CurrentActor() actor: Actor, @Param('planId') planId: string, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    return this.download({ actor, planId, ...query, format: 'xlsx' });
  }

  @Post('rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Quản trị: dựng lại toàn bộ số liệu tổng hợp từ dữ liệu gốc, báo số dòng sai lệch' })
  @ApiOkResponse({ description: 'RebuildRollupResult' })
  @ApiForbiddenResponse({ type: ErrorBody })
  rebuild(@CurrentActor() actor: Actor): Promise<RebuildRollupResult> {
    return this.rpc.send<RebuildRollupResult>(RpcPatterns.reporting.rebuild, { actor }, { timeoutMs: 10 * 60_000 });
  }

  private async download(request: ExportReportRequest): Promise<StreamableFile> {
    const file = await this.rpc.send<ExportFile>(RpcPatterns.reporting.exportReport, request);
    return new StreamableFile(Buffer.from(file.base64, 'base64'), { type: file.contentType, disposition: attachment(file.fileName) });
  }
}
