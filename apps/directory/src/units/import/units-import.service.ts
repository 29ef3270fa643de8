import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ImportUnitsRequest, ImportUnitsResult, UnitImportRow, UnitRecord } from '#contracts';
import { EventBus } from '#messaging';
import { DomainError, requireActor } from '#service-kit';
import { importScopeFor } from './import-scope.js';
import { UnitImporter } from './unit-importer.js';

/** The RPC face of the import: who may import where, and waking the relay after commit. */
@Injectable()
export class UnitsImportService {
  private readonly logger = new Logger(UnitsImportService.name);
  private readonly importer: UnitImporter;

  constructor(
    dataSource: DataSource,
    private readonly eventBus: EventBus,
  ) {
    this.importer = new UnitImporter(dataSource);
  }

  async importUnits(request: ImportUnitsRequest): Promise<ImportUnitsResult> {
    const actor = requireActor(request?.actor);
    const scope = importScopeFor(actor);
    if (!Array.isArray(request.rows)) {
      throw DomainError.invalid('UNIT.IMPORT_INVALID', [{ path: 'rows', message: 'Danh sách đơn vị phải là một mảng' }]);
    }
    const started = performance.now();
    const outcome = await this.importer.run(request.rows, { scope, correlationId: actor.correlationId ?? randomUUID() });
    if (outcome.eventsWritten > 0) this.eventBus.published();
    this.logger.log(
      `import by ${actor.username}: ${outcome.total} rows, ${outcome.created} created, ${outcome.updated} updated, ` +
        `${outcome.unchanged} unchanged, ${outcome.movedDescendants} descendants moved, ` +
        `version ${outcome.directoryVersion}, ${Math.round(performance.now() - started)} ms`,
    );
    const { movedDescendants: _moved, eventsWritten: _events, ...result } = outcome;
    return result;
  }

  /** Used at start-up: a fresh install gets its top-level unit before the admin is placed in it. */
  async ensureRoot(root: UnitImportRow): Promise<UnitRecord> {
    const { root: unit, outcome } = await this.importer.ensureRoot(root);
    if (outcome && outcome.eventsWritten > 0) {
      this.eventBus.published();
      this.logger.log(`created the top-level unit ${root.code} (${root.name})`);
    }
    return unit;
  }
}
