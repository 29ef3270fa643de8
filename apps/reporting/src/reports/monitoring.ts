import type { EntityManager } from 'typeorm';
import type { Actor } from '#contracts';
import { isStrictAncestor } from '../progress/access.js';

/**
 * A reporting duty sends its reports to an addressee (`to_unit`, the issuer unless named) "qua
 * Ban Tuyên giáo" (`through_unit`). That body is usually a board of the issuing committee — a
 * sibling branch of the reporting units, not above them — yet it is the one that follows and
 * checks those reports; an addressee outside the reporters' line is in the same position. Both
 * read and review the reports of that duty as an upper unit does, and only those: nothing else
 * of the reporting units' subtree opens up to them.
 *
 * Matched on the unit id kept in the obligation's UnitRef (ids never change, codes may).
 */
export function monitoredBy(obligation: string, unitIdParam: string): string {
  return `(${obligation}.through_unit->>'id' = ${unitIdParam} OR ${obligation}.to_unit->>'id' = ${unitIdParam})`;
}

/**
 * "Reports that go through me": the duties the unit monitors, found on the (few) obligations,
 * then their reports by the `reports (obligation_id, …)` unique index.
 */
export function throughUnit(report: string, unitIdParam: string): string {
  return `${report}.obligation_id IN (SELECT m.id FROM obligations m WHERE ${monitoredBy('m', unitIdParam)})`;
}

/**
 * Who may accept or return a report: a strict ancestor of the reporting unit, or the duty's
 * monitoring body or addressee — never the reporting unit itself, even when it is also the body
 * that monitors its siblings' reports (a board that is itself a direct subordinate).
 */
export async function canReview(
  manager: EntityManager,
  actor: Actor,
  report: { unit_id: string; unit_path: string; obligation_id: string },
): Promise<boolean> {
  if (report.unit_id === actor.unitId) return false;
  if (isStrictAncestor(actor.unitPath, report.unit_path)) return true;
  const rows = await manager.query(`SELECT 1 FROM obligations o WHERE o.id = $1 AND ${monitoredBy('o', '$2')}`, [report.obligation_id, actor.unitId]);
  return rows.length > 0;
}
