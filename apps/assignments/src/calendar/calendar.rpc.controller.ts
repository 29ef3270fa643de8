import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DeadlineRpcPatterns,
  type CalendarOverridesRequest,
  type CalendarOverridesResult,
  type CalendarYear,
  type GetCalendarRequest,
  type SetCalendarOverridesRequest,
} from '#contracts';
import { CalendarService } from './calendar.service.js';

@Controller()
export class CalendarRpcController {
  constructor(private readonly calendar: CalendarService) {}

  @MessagePattern(DeadlineRpcPatterns.getCalendar)
  get(@Payload() request: GetCalendarRequest): Promise<CalendarYear> {
    return this.calendar.get(request);
  }

  @MessagePattern(DeadlineRpcPatterns.setCalendarOverrides)
  setOverrides(@Payload() request: SetCalendarOverridesRequest): Promise<CalendarYear> {
    return this.calendar.setOverrides(request);
  }

  /** For the plans service, counting "N ngày làm việc" in a new plan. */
  @MessagePattern(DeadlineRpcPatterns.calendarOverrides)
  overrides(@Payload() request: CalendarOverridesRequest): Promise<CalendarOverridesResult> {
    return this.calendar.overrides(request);
  }
}
