import { Inject, Injectable } from '@nestjs/common';
import { QueueNames } from '#contracts';
import { DeadlineTimerQueue } from '#deadlines';
import { DEADLINE_SETTINGS, type DeadlineSettings } from './deadline-settings.js';

/** The timers of assignments' deadlines (see DeadlineTimerQueue): one delayed job per distinct instant. */
@Injectable()
export class DeadlineQueue extends DeadlineTimerQueue {
  constructor(@Inject(DEADLINE_SETTINGS) settings: DeadlineSettings) {
    super(QueueNames.assignmentDeadlines, settings);
  }
}
