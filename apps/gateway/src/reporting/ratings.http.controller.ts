import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  RpcPatterns,
  type Actor,
  type ListRatingsRequest,
  type RateUnitRequest,
  type RatingPage,
  type RatingRules,
  type RatingSuggestion,
  type RatingSuggestionRequest,
  type RatingView,
  type SetRatingRulesRequest,
} from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { ListRatingsQueryDto, RateUnitDto, RatingPeriodQueryDto, RatingRulesDto } from './dto/reporting.dto.js';

@ApiTags('ratings')
@ApiBearerAuth()
@Controller()
export class RatingsHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('ratings')
  @ApiOperation({ summary: 'Xếp loại các đơn vị trực thuộc trong năm, kèm kết quả thực hiện nhiệm vụ và mức gợi ý' })
  @ApiOkResponse({ description: 'RatingPage' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  list(@CurrentActor() actor: Actor, @Query() query: ListRatingsQueryDto): Promise<RatingPage> {
    const request: ListRatingsRequest = { actor, ...query };
    return this.rpc.send<RatingPage>(RpcPatterns.reporting.listRatings, request);
  }

  @Get('ratings/suggestion')
  @ApiOperation({ summary: 'Mức xếp loại gợi ý cho một đơn vị, theo tỷ lệ nhiệm vụ hoàn thành và đúng hạn' })
  @ApiOkResponse({ description: 'RatingSuggestion' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  suggestion(@CurrentActor() actor: Actor, @Query() query: RatingPeriodQueryDto): Promise<RatingSuggestion> {
    const request: RatingSuggestionRequest = { actor, unitCode: query.unitCode ?? actor.unitCode, period: query.period };
    return this.rpc.send<RatingSuggestion>(RpcPatterns.reporting.suggestRating, request);
  }

  @Put('ratings/:period/:unitCode')
  @ApiOperation({ summary: 'Cấp trên xếp loại một đơn vị trong năm (ghi lại lịch sử)' })
  @ApiOkResponse({ description: 'RatingView' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  @ApiNotFoundResponse({ type: ErrorBody })
  rate(@CurrentActor() actor: Actor, @Param('period') period: string, @Param('unitCode') unitCode: string, @Body() body: RateUnitDto): Promise<RatingView> {
    const request: RateUnitRequest = { actor, unitCode, period, level: body.level, note: body.note };
    return this.rpc.send<RatingView>(RpcPatterns.reporting.rateUnit, request);
  }

  @Get('rating-rules')
  @ApiOperation({ summary: 'Quy tắc gợi ý xếp loại áp dụng cho các đơn vị cấp dưới' })
  @ApiOkResponse({ description: 'RatingRules' })
  rules(@CurrentActor() actor: Actor): Promise<RatingRules> {
    return this.rpc.send<RatingRules>(RpcPatterns.reporting.getRatingRules, { actor });
  }

  @Put('rating-rules')
  @ApiOperation({ summary: 'Đặt quy tắc gợi ý xếp loại cho cấp dưới của đơn vị mình' })
  @ApiOkResponse({ description: 'RatingRules' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  setRules(@CurrentActor() actor: Actor, @Body() body: RatingRulesDto): Promise<RatingRules> {
    const request: SetRatingRulesRequest = { actor, rules: body.rules };
    return this.rpc.send<RatingRules>(RpcPatterns.reporting.setRatingRules, request);
  }
}
