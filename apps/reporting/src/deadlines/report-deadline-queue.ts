import { Inject, Injectable } from '@nestjs/common';
import { QueueNames } from '#contracts';
import { DEADLINE_SETTINGS, DeadlineTimerQueue, type DeadlineTimerSettings } from '#deadlines';

/** The timers of expected reports' deadlines (see DeadlineTimerQueue): one delayed job per distinct instant. */
@Injectable()
export class ReportDeadlineQueue extends DeadlineTimerQueue {
  constructor(@Inject(DEADLINE_SETTINGS) settings: DeadlineTimerSettings) {
    super(QueueNames.reportDeadlines, settings);
  }
}
