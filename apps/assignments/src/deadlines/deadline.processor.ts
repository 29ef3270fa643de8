import { Inject, Injectable } from '@nestjs/common';
import { QueueNames } from '#contracts';
import { CLOCK, DEADLINE_SETTINGS, DeadlineTimerWorker, type Clock, type DeadlineTimerSettings } from '#deadlines';
import { DeadlineFiring } from './deadline-firing.js';

/** Works the assignments' deadline queue: at each instant, fire the due steps. */
@Injectable()
export class DeadlineProcessor extends DeadlineTimerWorker {
  constructor(@Inject(DEADLINE_SETTINGS) settings: DeadlineTimerSettings, firing: DeadlineFiring, @Inject(CLOCK) clock: Clock) {
    super(QueueNames.assignmentDeadlines, settings, firing, clock);
  }
}
