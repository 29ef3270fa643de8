import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeadlineRpcPatterns, type Actor, type CalendarYear, type GetCalendarRequest, type SetCalendarOverridesRequest } from '#contracts';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ErrorBody } from '../http/error-body.js';
import { RpcClient } from '../rpc/rpc.client.js';
import { CalendarOverridesDto, YearParamDto } from './dto/calendar.dto.js';

/** The working-day calendar ("N ngày làm việc"): public holidays plus the admin's yearly overrides. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':year')
  @ApiOperation({ summary: 'Ngày lễ, ngày nghỉ và ngày làm bù của một năm' })
  @ApiOkResponse({ description: 'CalendarYear' })
  @ApiBadRequestResponse({ type: ErrorBody })
  get(@CurrentActor() actor: Actor, @Param() { year }: YearParamDto): Promise<CalendarYear> {
    return this.rpc.send<CalendarYear>(DeadlineRpcPatterns.getCalendar, { actor, year } satisfies GetCalendarRequest);
  }

  @Put(':year/overrides')
  @ApiOperation({ summary: 'Thay toàn bộ ngày nghỉ thêm / ngày làm bù của năm (quản trị viên); thời hạn tính theo ngày làm việc được tính lại' })
  @ApiOkResponse({ description: 'CalendarYear' })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiForbiddenResponse({ type: ErrorBody })
  setOverrides(@CurrentActor() actor: Actor, @Param() { year }: YearParamDto, @Body() body: CalendarOverridesDto): Promise<CalendarYear> {
    const request: SetCalendarOverridesRequest = {
      actor,
      year,
      overrides: body.overrides.map((o) => ({ date: o.date, kind: o.kind, ...(o.note ? { note: o.note } : {}) })),
    };
    return this.rpc.send<CalendarYear>(DeadlineRpcPatterns.setCalendarOverrides, request);
  }
}
