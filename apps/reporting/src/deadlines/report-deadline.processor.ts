import { Inject, Injectable } from '@nestjs/common';
import { QueueNames } from '#contracts';
import { CLOCK, DEADLINE_SETTINGS, DeadlineTimerWorker, type Clock, type DeadlineTimerSettings } from '#deadlines';
import { ReportDeadlineFiring } from './report-deadline-firing.js';

/** Works the report deadline queue: at each instant, fire the due steps. */
@Injectable()
export class ReportDeadlineProcessor extends DeadlineTimerWorker {
  constructor(@Inject(DEADLINE_SETTINGS) settings: DeadlineTimerSettings, firing: ReportDeadlineFiring, @Inject(CLOCK) clock: Clock) {
    super(QueueNames.reportDeadlines, settings, firing, clock);
  }
}
