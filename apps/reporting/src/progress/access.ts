import type { EntityManager } from 'typeorm';
import type { Actor, UnitRef } from '#contracts';
import { DomainError } from '#service-kit';

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
  parent_id: string | null;
}

export interface PlanRow {
  id: string;
  symbol: string;
  title: string;
  issue_date: string;
  issuer_id: string;
  issuer_path: string;
  issuer: UnitRef;
  signer: string | null;
}

import { isUuid } from '#service-kit';

export { isUuid };

export const PLAN_NOT_FOUND = () => DomainError.notFound('PLAN.NOT_FOUND', 'kế hoạch');
export const UNIT_NOT_FOUND = () => DomainError.notFound('UNIT.NOT_FOUND', 'đơn vị');
export const REPORT_NOT_FOUND = () => DomainError.notFound('REPORT.NOT_FOUND', 'báo cáo');

export const UNIT_COLUMNS = 'u.id::text AS id, u.code, u.name, u.kind, u.path::text AS path, u.parent_id::text AS parent_id';

/** A unit of the caller's subtree (their own by default); anything else does not exist for them. */
export async function visibleUnit(manager: EntityManager, actor: Actor, code?: string): Promise<UnitRow> {
  const [unit]: UnitRow[] = await manager.query(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.code = $1 AND u.path <@ $2::ltree`, [
    code ?? actor.unitCode,
    actor.unitPath,
  ]);
  if (!unit) throw UNIT_NOT_FOUND();
  return unit;
}

/**
 * A plan the caller takes part in: issued inside their subtree, or above them (a district reads
 * the progress of its own subtree on the province's plan). Everything else is 404.
 */
export async function visiblePlan(manager: EntityManager, actor: Actor, planId: string): Promise<PlanRow> {
  if (!isUuid(planId)) throw PLAN_NOT_FOUND();
  const [plan]: PlanRow[] = await manager.query(
    `SELECT id, symbol, title, to_char(issue_date, 'YYYY-MM-DD') AS issue_date, issuer_id::text AS issuer_id,
       issuer_path::text AS issuer_path, issuer, signer
     FROM plans WHERE id = $1 AND (issuer_path <@ $2::ltree OR $2::ltree <@ issuer_path)`,
    [planId, actor.unitPath],
  );
  if (!plan) throw PLAN_NOT_FOUND();
  return plan;
}

export const unitRef = (unit: Pick<UnitRow, 'id' | 'code' | 'name'>): UnitRef => ({ id: unit.id, code: unit.code, name: unit.name });

/** Strictly above: an upper unit reviews and rates, never the unit itself. */
export function isStrictAncestor(ancestorPath: string, path: string): boolean {
  return path.startsWith(`${ancestorPath}.`);
}
