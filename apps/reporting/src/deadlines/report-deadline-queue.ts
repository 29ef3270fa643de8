import { Inject, Injectable } from '@nestjs/common';
import { QueueNames } from '#contracts';
import { DeadlineTimerQueue, type DeadlineTimerSettings } from '#deadlines';
import { REPORT_DEADLINE_SETTINGS } from './report-deadline-settings.js';

/** The timers of expected reports' deadlines (see DeadlineTimerQueue): one delayed job per distinct instant. */
@Injectable()
export class ReportDeadlineQueue extends DeadlineTimerQueue {
  constructor(@Inject(REPORT_DEADLINE_SETTINGS) settings: DeadlineTimerSettings) {
    super(QueueNames.reportDeadlines, settings);
  }
}
