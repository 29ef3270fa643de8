import { randomUUID } from 'node:crypto';
import type { IssuedObligation, ObligationView, ReportingObligationInput, UnitRecord, UnitRef } from '#contracts';
import type { CheckedPlan } from './plan-input.validator.js';
import type { CheckedObligation } from './reporting-input.validator.js';
import type { ResolvedUnits } from './unit-resolver.js';

interface UnitReference {
  code: string;
  path: string;
  /** Must lie strictly below the issuer (it reports to it). */
  implementing: boolean;
}

/** Unit codes the reporting duties name, for the resolver: reporters, addressee, monitoring body. */
export function reportingUnitReferences(plan: CheckedPlan): UnitReference[] {
  const refs: UnitReference[] = [];
  (plan.input.reportingObligations ?? []).forEach((obligation: ReportingObligationInput, i) => {
    const at = `reportingObligations[${i}]`;
    if (obligation.reporters?.type === 'units') {
      (obligation.reporters.unitCodes ?? []).forEach((code, j) => refs.push({ code, path: `${at}.reporters.unitCodes[${j}]`, implementing: true }));
    }
    if (obligation.toUnitCode) refs.push({ code: obligation.toUnitCode, path: `${at}.toUnitCode`, implementing: false });
    if (obligation.throughUnitCode) refs.push({ code: obligation.throughUnitCode, path: `${at}.throughUnitCode`, implementing: false });
  });
  return refs;
}

/** An obligation as the plans service stores it (the view, plus its id and resolved reporters). */
export type StoredObligation = ObligationView & Pick<IssuedObligation, 'id' | 'target'>;

const ref = (unit: UnitRecord | undefined): UnitRef | null => (unit ? { id: unit.id, code: unit.code, name: unit.name } : null);

export function storedObligations(plan: CheckedPlan, units: ResolvedUnits): StoredObligation[] {
  return plan.reporting.obligations.map((obligation: CheckedObligation) => {
    const reporters = obligation.reporters;
    const target: IssuedObligation['target'] =
      reporters.type === 'units'
        ? { type: 'units', unitIds: reporters.unitCodes.map((code) => units.byCode.get(code.trim())!.id) }
        : reporters.type === 'descendants'
          ? { type: 'descendants', kind: reporters.kind }
          : { type: 'direct-subordinates' };
    return {
      id: randomUUID(),
      code: obligation.code,
      title: obligation.title.trim(),
      timeline: obligation.timeline,
      deadline: obligation.deadline,
      reporters,
      target,
      to: ref(units.byCode.get(obligation.toUnitCode?.trim() ?? '')) ?? ref(units.issuer),
      through: obligation.through?.trim() || null,
      throughUnit: ref(units.byCode.get(obligation.throughUnitCode?.trim() ?? '')),
      indicators: obligation.indicatorCodes,
      until: obligation.until ?? null,
      adHoc: obligation.adHoc === true,
    };
  });
}

export function obligationView(stored: StoredObligation): ObligationView {
  const { id: _id, target: _target, ...view } = stored;
  return view;
}

export function issuedObligation(stored: StoredObligation): IssuedObligation {
  const { reporters: _reporters, ...issued } = stored;
  return issued;
}
