import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  RATING_LEVELS,
  type Actor,
  type ListRatingsRequest,
  type RateUnitRequest,
  type RatingLevel,
  type RatingPage,
  type RatingRecord,
  type RatingRule,
  type RatingRules,
  type RatingSuggestion,
  type RatingSuggestionRequest,
  type RatingView,
  type SetRatingRulesRequest,
  type UnitRef,
} from '#contracts';
import { assertCanWrite, DomainError } from '#service-kit';
import { isStrictAncestor, unitRef, visibleUnit, type UnitRow } from '../progress/access.js';
import { moveRating } from '../rollup/deltas.js';
import { lockTreeShared } from '../tree/tree-lock.js';
import { checkRatingRules, DEFAULT_RATING_RULES, ratingRecord, ratingYear, suggestRating } from './rating-rules.js';

interface RatingRow {
  unit_id: string;
  level: RatingLevel;
  suggested: RatingLevel | null;
  note: string | null;
  rated_by: string;
  rater_unit: UnitRef;
  rated_at: Date;
}

/**
 * Yearly ratings of units, recorded by an upper unit, with a suggestion from the unit's own record
 * (its tasks due that year: share done, share done on time) by the rules of the nearest upper unit
 * that set some. Each rating moves the unit between levels in every subtree's distribution.
 */
@Injectable()
export class RatingsService {
  constructor(private readonly dataSource: DataSource) {}

  async suggest({ actor, unitCode, period }: RatingSuggestionRequest): Promise<RatingSuggestion> {
    checkPeriod(period);
    const manager = this.dataSource.manager;
    const unit = await visibleUnit(manager, actor, unitCode);
    const [view] = await this.views(manager, [unit], period);
    const { level: _l, note: _n, ratedBy: _b, raterUnit: _r, ratedAt: _a, ...suggestion } = view;
    return suggestion;
  }

  async rate({ actor, unitCode, period, level, note }: RateUnitRequest): Promise<RatingView> {
    checkPeriod(period);
    const manager = this.dataSource.manager;
    const unit = await visibleUnit(manager, actor, unitCode);
    if (!isStrictAncestor(actor.unitPath, unit.path)) throw DomainError.forbidden('Chỉ cấp trên mới đánh giá, xếp loại đơn vị này');
    assertCanWrite(actor);
    if (!RATING_LEVELS.includes(level)) {
      throw DomainError.invalid('RATING.INVALID', [{ path: 'level', message: `phải là một trong: ${RATING_LEVELS.join(', ')}` }]);
    }
    if (note !== undefined && (typeof note !== 'string' || note.length > 4000)) {
      throw DomainError.invalid('RATING.INVALID', [{ path: 'note', message: 'là chuỗi không dài quá 4000 ký tự' }]);
    }
    const [current] = await this.views(manager, [unit], period);
    await this.dataSource.transaction(async (tx) => {
      await lockTreeShared(tx);
      const [old]: { level: RatingLevel }[] = await tx.query('SELECT level FROM ratings WHERE unit_id = $1 AND period = $2 FOR UPDATE', [unit.id, period]);
      const rater = { id: actor.unitId, code: actor.unitCode, name: (await tx.query('SELECT name FROM units WHERE id = $1', [actor.unitId]))[0]?.name ?? '' };
      const values = [unit.id, period, level, current.suggested, note?.trim() || null, actor.userId, JSON.stringify(rater)];
      await tx.query(
        `INSERT INTO ratings (unit_id, period, level, suggested, note, rated_by, rater_unit, rated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (unit_id, period) DO UPDATE SET level = excluded.level, suggested = excluded.suggested, note = excluded.note,
           rated_by = excluded.rated_by, rater_unit = excluded.rater_unit, rated_at = excluded.rated_at`,
        values,
      );
      await tx.query(
        `INSERT INTO rating_history (unit_id, period, level, suggested, note, rated_by, rater_unit, rated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
        values,
      );
      await moveRating(tx, unit.id, period, old?.level ?? null, level);
    });
    return (await this.views(manager, [unit], period))[0];
  }

  async list({ actor, unitCode, period, page = 1, pageSize = 50 }: ListRatingsRequest): Promise<RatingPage> {
    checkPeriod(period);
    const manager = this.dataSource.manager;
    const parent = await visibleUnit(manager, actor, unitCode);
    const size = Math.min(200, Math.max(1, pageSize));
    const children: (UnitRow & { total: string })[] = await manager.query(
      `SELECT u.id::text AS id, u.code, u.name, u.kind, u.path::text AS path, u.parent_id::text AS parent_id, count(*) OVER () AS total
       FROM units u WHERE u.parent_id = $1 ORDER BY u.id LIMIT $2 OFFSET $3`,
      [parent.id, size, (Math.max(1, page) - 1) * size],
    );
    return { items: await this.views(manager, children, period), total: children.length ? Number(children[0].total) : 0, page, pageSize: size };
  }

  /** The rules that apply below the caller's unit (its own, else its nearest upper unit's, else the default). */
  async rules(actor: Actor): Promise<RatingRules> {
    return this.rulesFor(this.dataSource.manager, actor.unitPath);
  }

  async setRules({ actor, rules }: SetRatingRulesRequest): Promise<RatingRules> {
    assertCanWrite(actor);
    const errors = checkRatingRules(rules);
    if (errors.length) throw DomainError.invalid('RATING.INVALID_RULES', errors, 'Quy tắc gợi ý xếp loại chưa hợp lệ');
    const clean = rules.map(({ level, minDoneShare, minOnTimeShare }) => ({ level, minDoneShare, minOnTimeShare }));
    await this.dataSource.query(
      `INSERT INTO rating_rules (unit_id, rules, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (unit_id) DO UPDATE SET rules = excluded.rules, updated_by = excluded.updated_by, updated_at = now()`,
      [actor.unitId, JSON.stringify(clean), actor.userId],
    );
    return this.rules(actor);
  }

  /** Rules set on the nearest unit on `path` (inclusive), or the built-in default. */
  private async rulesFor(manager: EntityManager, path: string): Promise<RatingRules> {
    const [row]: { rules: RatingRule[]; id: string; code: string; name: string }[] = await manager.query(
      `SELECT r.rules, u.id::text AS id, u.code, u.name FROM rating_rules r JOIN units u ON u.id = r.unit_id
       WHERE r.unit_id = ANY(string_to_array($1, '.')::bigint[]) ORDER BY nlevel(u.path) DESC LIMIT 1`,
      [path],
    );
    return row ? { definedBy: unitRef(row), rules: row.rules } : { definedBy: null, rules: DEFAULT_RATING_RULES };
  }

  /** Record, suggestion and current rating of each unit, in a few set-based queries. */
  private async views(manager: EntityManager, units: UnitRow[], period: string): Promise<RatingView[]> {
    if (units.length === 0) return [];
    const ids = units.map((unit) => unit.id);
    const { from, to } = ratingYear(period);
    const counts: { unit_id: string; total: number; done: number; on_time: number }[] = await manager.query(
      `SELECT unit_id::text AS unit_id, count(*)::int AS total, count(*) FILTER (WHERE status = 'done')::int AS done,
         count(*) FILTER (WHERE status = 'done' AND done_at <= due_at)::int AS on_time
       FROM assignments WHERE unit_id = ANY($1::bigint[]) AND due_at >= $2 AND due_at < $3 GROUP BY unit_id`,
      [ids, from, to],
    );
    const ratings: RatingRow[] = await manager.query(
      'SELECT unit_id::text AS unit_id, level, suggested, note, rated_by, rater_unit, rated_at FROM ratings WHERE unit_id = ANY($1::bigint[]) AND period = $2',
      [ids, period],
    );
    const rulesByParent = new Map<string, RatingRules>();
    const views: RatingView[] = [];
    for (const unit of units) {
      const parentPath = unit.path.split('.').slice(0, -1).join('.');
      if (!rulesByParent.has(parentPath)) rulesByParent.set(parentPath, await this.rulesFor(manager, parentPath));
      const rules = rulesByParent.get(parentPath)!;
      const c = counts.find((row) => row.unit_id === unit.id);
      const record: RatingRecord = ratingRecord(c?.total ?? 0, c?.done ?? 0, c?.on_time ?? 0);
      const rating = ratings.find((row) => row.unit_id === unit.id);
      views.push({
        unit: { ...unitRef(unit), kind: unit.kind },
        period,
        record,
        suggested: suggestRating(record, rules.rules),
        rules,
        level: rating?.level ?? null,
        note: rating?.note ?? null,
        ratedBy: rating?.rated_by ?? null,
        raterUnit: rating?.rater_unit ?? null,
        ratedAt: rating?.rated_at.toISOString() ?? null,
      });
    }
    return views;
  }
}

function checkPeriod(period: unknown): void {
  if (typeof period !== 'string' || !/^\d{4}$/.test(period)) {
    throw DomainError.invalid('RATING.INVALID', [{ path: 'period', message: 'Năm đánh giá có dạng YYYY, ví dụ 2026' }]);
  }
}
