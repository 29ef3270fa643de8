import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventSubjects } from '#contracts';
import { EventBus } from '#messaging';
import { applyUnitsChunk } from './units-copy.js';

/** Keeps the local copy of the org tree (and the roll-ups that depend on it) current. */
@Injectable()
export class DirectoryEventsController implements OnModuleInit {
  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.subscribe({
      durable: 'reporting-directory-units',
      subject: EventSubjects.unitsUpserted,
      handle: (event, manager) => applyUnitsChunk(manager, event.data),
    });
  }
}
