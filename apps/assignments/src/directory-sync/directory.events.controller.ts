import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventSubjects } from '#contracts';
import { EventBus } from '#messaging';
import { applyUnitsChunk } from './units-copy.js';

/** Keeps the local copy of the org tree current from `directory.units.upserted`. */
@Injectable()
export class DirectoryEventsController implements OnModuleInit {
  constructor(private readonly bus: EventBus) {}

  onModuleInit(): void {
    this.bus.subscribe({
      durable: 'assignments-directory-units',
      subject: EventSubjects.unitsUpserted,
      handle: (event, manager) => applyUnitsChunk(manager, event.data),
    });
  }
}
