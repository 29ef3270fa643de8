import { Injectable } from '@nestjs/common';
import {
  RpcPatterns,
  type Actor,
  type FieldError,
  type ResolveUnitsRequest,
  type ResolveUnitsResult,
  type UnitRecord,
} from '#contracts';
import { isWithin, ServiceRpc } from '#service-kit';
import type { CheckedPlan } from './plan-input.validator.js';
import { reportingUnitReferences } from './reporting-units.js';

export interface ResolvedUnits {
  issuer: UnitRecord;
  byCode: Map<string, UnitRecord>;
  directoryVersion: number;
}

/**
 * Turns every unit code a plan names into a unit, asking the directory (the owner of the tree)
 * so a unit imported a moment ago is already known. Checks the tree rules: the issuer is in the
 * caller's subtree and implementing units are below the issuer.
 */
@Injectable()
export class UnitResolver {
  constructor(private readonly rpc: ServiceRpc) {}

  async resolve(actor: Actor, plan: CheckedPlan, errors: FieldError[]): Promise<ResolvedUnits | null> {
    const issuerCode = plan.input.issuingUnitCode ?? actor.unitCode;
    const references = collectReferences(issuerCode, plan);
    const codes = [...new Set(references.map((r) => r.code))];
    const result = await this.rpc.send<ResolveUnitsResult>(RpcPatterns.directory.resolveUnits, { codes } satisfies ResolveUnitsRequest);
    const byCode = new Map(result.units.map((unit) => [unit.code, unit]));

    for (const ref of references) {
      if (!byCode.has(ref.code)) errors.push({ path: ref.path, message: `Không tìm thấy đơn vị có mã "${ref.code}"` });
    }
    const issuer = byCode.get(issuerCode);
    if (!issuer) return null;
    if (!isWithin(issuer.path, actor.unitPath)) {
      errors.push({ path: 'issuingUnitCode', message: `Đơn vị "${issuerCode}" nằm ngoài phạm vi của bạn` });
    }
    for (const ref of references.filter((r) => r.implementing)) {
      const unit = byCode.get(ref.code);
      if (unit && (unit.id === issuer.id || !isWithin(unit.path, issuer.path))) {
        errors.push({ path: ref.path, message: `Đơn vị "${ref.code}" không trực thuộc đơn vị ban hành` });
      }
    }
    return { issuer, byCode, directoryVersion: result.directoryVersion };
  }

  /** The directory version the plan's cascade must wait for, without resolving anything. */
  async currentVersion(): Promise<number> {
    const result = await this.rpc.send<ResolveUnitsResult>(RpcPatterns.directory.resolveUnits, { codes: [] });
    return result.directoryVersion;
  }
}

interface UnitReference {
  code: string;
  path: string;
  implementing: boolean;
}

function collectReferences(issuerCode: string, plan: CheckedPlan): UnitReference[] {
  const refs: UnitReference[] = [{ code: issuerCode, path: 'issuingUnitCode', implementing: false }];
  plan.tasks.forEach((task, i) => {
    const at = `tasks[${i}]`;
    if (task.directingUnitCode) refs.push({ code: task.directingUnitCode, path: `${at}.directingUnitCode`, implementing: false });
    if (task.leadUnitCode) refs.push({ code: task.leadUnitCode, path: `${at}.leadUnitCode`, implementing: false });
    task.coordinatingUnitCodes?.forEach((code, j) =>
      refs.push({ code, path: `${at}.coordinatingUnitCodes[${j}]`, implementing: false }),
    );
    if (task.implementing?.type === 'units') {
      task.implementing.unitCodes.forEach((code, j) =>
        refs.push({ code, path: `${at}.implementing.unitCodes[${j}]`, implementing: true }),
      );
    }
  });
  refs.push(...reportingUnitReferences(plan));
  return refs.map((ref) => ({ ...ref, code: ref.code.trim() }));
}
