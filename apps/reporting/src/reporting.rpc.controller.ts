import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  RpcPatterns,
  type ExportFile,
  type ExportReportRequest,
  type GetRatingRulesRequest,
  type GetReportRequest,
  type ListRatingsRequest,
  type ListReportsRequest,
  type PlanSummaryRequest,
  type PlanTreeRequest,
  type ProgressTreePage,
  type RateUnitRequest,
  type RatingPage,
  type RatingRules,
  type RatingSuggestion,
  type RatingSuggestionRequest,
  type RatingView,
  type RebuildRollupRequest,
  type RebuildRollupResult,
  type ReportingPlanRequest,
  type ReportingPlanView,
  type ReportPage,
  type ReportView,
  type ReviewReportRequest,
  type SaveReportDraftRequest,
  type SetRatingRulesRequest,
  type SubmitReportRequest,
  type UnitSummary,
} from '#contracts';
import { ExportsService } from './exports/exports.service.js';
import { ProgressService } from './progress/progress.service.js';
import { RatingsService } from './ratings/ratings.service.js';
import { ReportsService } from './reports/reports.service.js';
import { RollupService } from './rollup/rollup.service.js';

/** Request-reply for everything the gateway offers on reports, progress, ratings and exports. */
@Controller()
export class ReportingRpcController {
  constructor(
    private readonly reports: ReportsService,
    private readonly progress: ProgressService,
    private readonly ratings: RatingsService,
    private readonly exports: ExportsService,
    private readonly rollup: RollupService,
  ) {}

  @MessagePattern(RpcPatterns.reporting.plan)
  plan(@Payload() request: ReportingPlanRequest): Promise<ReportingPlanView> {
    return this.progress.planView(request.actor, request.planId);
  }

  @MessagePattern(RpcPatterns.reporting.listReports)
  listReports(@Payload() request: ListReportsRequest): Promise<ReportPage> {
    return this.reports.list(request);
  }

  @MessagePattern(RpcPatterns.reporting.getReport)
  getReport(@Payload() request: GetReportRequest): Promise<ReportView> {
    return this.reports.get(request);
  }

  @MessagePattern(RpcPatterns.reporting.saveDraft)
  saveDraft(@Payload() request: SaveReportDraftRequest): Promise<ReportView> {
    return this.reports.saveDraft(request);
  }

  @MessagePattern(RpcPatterns.reporting.submitReport)
  submit(@Payload() request: SubmitReportRequest): Promise<ReportView> {
    return this.reports.submit(request);
  }

  @MessagePattern(RpcPatterns.reporting.reviewReport)
  review(@Payload() request: ReviewReportRequest): Promise<ReportView> {
    return this.reports.review(request);
  }

  @MessagePattern(RpcPatterns.reporting.summary)
  summary(@Payload() request: PlanSummaryRequest): Promise<UnitSummary> {
    return this.progress.summary(request);
  }

  @MessagePattern(RpcPatterns.reporting.tree)
  tree(@Payload() request: PlanTreeRequest): Promise<ProgressTreePage> {
    return this.progress.tree(request);
  }

  @MessagePattern(RpcPatterns.reporting.exportReport)
  exportReport(@Payload() request: ExportReportRequest): Promise<ExportFile> {
    return this.exports.export(request);
  }

  @MessagePattern(RpcPatterns.reporting.suggestRating)
  suggestRating(@Payload() request: RatingSuggestionRequest): Promise<RatingSuggestion> {
    return this.ratings.suggest(request);
  }

  @MessagePattern(RpcPatterns.reporting.rateUnit)
  rate(@Payload() request: RateUnitRequest): Promise<RatingView> {
    return this.ratings.rate(request);
  }

  @MessagePattern(RpcPatterns.reporting.listRatings)
  listRatings(@Payload() request: ListRatingsRequest): Promise<RatingPage> {
    return this.ratings.list(request);
  }

  @MessagePattern(RpcPatterns.reporting.getRatingRules)
  getRules(@Payload() request: GetRatingRulesRequest): Promise<RatingRules> {
    return this.ratings.rules(request.actor);
  }

  @MessagePattern(RpcPatterns.reporting.setRatingRules)
  setRules(@Payload() request: SetRatingRulesRequest): Promise<RatingRules> {
    return this.ratings.setRules(request);
  }

  @MessagePattern(RpcPatterns.reporting.rebuild)
  rebuild(@Payload() request: RebuildRollupRequest): Promise<RebuildRollupResult> {
    return this.rollup.rebuild(request.actor);
  }
}
