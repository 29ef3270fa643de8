import { Inject, Injectable } from '@nestjs/common';
import { QueueNames } from '#contracts';
import { CLOCK, DeadlineTimerWorker, type Clock } from '#deadlines';
import { DeadlineFiring } from './deadline-firing.js';
import { DEADLINE_SETTINGS, type DeadlineSettings } from './deadline-settings.js';

/** Works the assignments' deadline queue: at each instant, fire the due steps. */
@Injectable()
export class DeadlineProcessor extends DeadlineTimerWorker {
  constructor(@Inject(DEADLINE_SETTINGS) settings: DeadlineSettings, firing: DeadlineFiring, @Inject(CLOCK) clock: Clock) {
    super(QueueNames.assignmentDeadlines, settings, firing, clock);
  }
}
