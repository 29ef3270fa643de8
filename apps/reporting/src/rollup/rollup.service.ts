import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, RebuildRollupResult } from '#contracts';
import { DomainError } from '#service-kit';
import { lockTreeExclusive } from '../tree/tree-lock.js';
import { rebuildAll } from './rollup.sql.js';

/**
 * Operations: recompute every roll-up from the facts and say how many rows the incremental
 * writers had wrong (0 when they agree). Writers wait while it runs (exclusive tree lock).
 */
@Injectable()
export class RollupService {
  private readonly logger = new Logger('Rollup');

  constructor(private readonly dataSource: DataSource) {}

  async rebuild(actor: Actor): Promise<RebuildRollupResult> {
    if (actor.role !== 'admin') throw DomainError.forbidden('Chỉ quản trị hệ thống mới dựng lại số liệu tổng hợp');
    const started = Date.now();
    const result = await this.dataSource.transaction(async (manager) => {
      await lockTreeExclusive(manager);
      return rebuildAll(manager);
    });
    const tookMs = Date.now() - started;
    this.logger.log(`rebuilt roll-ups in ${tookMs} ms: ${JSON.stringify(result.rows)}, ${result.differences} rows differed`);
    return { ...result, tookMs };
  }
}
