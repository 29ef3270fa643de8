import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import {
  RpcPatterns,
  type Actor,
  type FieldError,
  type GetUnitRequest,
  type ImportPlanRequest,
  type ImportPlanResult,
  type ImportWarning,
  type PlanView,
  type SearchUnitsRequest,
  type UnitPage,
  type UnitRecord,
} from '#contracts';
import {
  collectBodies,
  DocumentReadError,
  matchBodies,
  parsePlanDocument,
  readDocx,
  toPlanInput,
  type Draft,
  type UnitCandidate,
  type UnitLookup,
} from '#plan-import';
import { assertCanWrite, DomainError, requireActor, ServiceRpc } from '#service-kit';
import { LOCAL_ZONE } from '#timeline';
import { PlansService } from '../plans/plans.service.js';

/** Longer than any plan; keeps one request from tying up the service. */
export const MAX_TEXT_LENGTH = 2_000_000;
const SEARCH_PAGE = 50;

const invalid = (code: string, message: string, path: string) => new DomainError(code, 400, message, [{ path, message }]);

/**
 * Importing a plan document: parse it (pure), match the bodies it names to units of the actor's
 * tree (the directory's search, scoped to the actor), and create a draft through the same path as
 * a plan entered by hand. Never issues. A draft that cannot be created (no symbol, a task the
 * plans rules refuse …) is not an error: the answer has `plan: null` and says why in its warnings.
 */
@Injectable()
export class PlanImportService {
  constructor(
    private readonly plans: PlansService,
    private readonly rpc: ServiceRpc,
  ) {}

  async import(request: ImportPlanRequest): Promise<ImportPlanResult> {
    const actor = requireActor(request?.actor);
    assertCanWrite(actor);
    const text = await this.textOf(request);
    const document = parsePlanDocument(text, { referenceDate: referenceDateOf(request.referenceDate) });

    const issuer = candidate(await this.rpc.send<UnitRecord>(RpcPatterns.directory.getUnit, { actor, code: actor.unitCode } satisfies GetUnitRequest));
    const matchWarnings: ImportWarning[] = [];
    const matches = await matchBodies(collectBodies(document), this.lookup(actor), issuer, matchWarnings);
    const draft = toPlanInput(document, matches, { issuer, defaults: defaultsOf(request.defaults) });

    let plan: PlanView | null = null;
    const createWarnings: ImportWarning[] = [];
    if (draft.input) {
      try {
        plan = await this.plans.create(actor, draft.input);
      } catch (error) {
        // The plan's own rules refused the draft: the person fixes it; anything else is a real failure.
        if (!(error instanceof DomainError) || ![400, 409].includes(error.status)) throw error;
        createWarnings.push(...explain(error, draft));
      }
    }
    return { plan, document, matches, warnings: [...document.warnings, ...matchWarnings, ...draft.warnings, ...createWarnings] };
  }

  private async textOf(request: ImportPlanRequest): Promise<string> {
    if (typeof request.text === 'string' && request.text.trim()) {
      if (request.text.length > MAX_TEXT_LENGTH) throw invalid('PLAN_IMPORT.TOO_LARGE', 'Văn bản quá dài', 'text');
      return request.text;
    }
    if (typeof request.docxBase64 === 'string' && request.docxBase64.length) {
      try {
        const { text } = await readDocx(Buffer.from(request.docxBase64, 'base64'));
        if (!text.trim()) throw invalid('PLAN_IMPORT.EMPTY', 'Tệp Word không có nội dung chữ', 'docxBase64');
        return text;
      } catch (error) {
        if (error instanceof DocumentReadError) throw invalid(error.code, error.message, 'docxBase64');
        throw error;
      }
    }
    throw invalid('PLAN_IMPORT.EMPTY', 'Cần gửi nội dung văn bản (text) hoặc tệp Word (docxBase64)', 'text');
  }

  private lookup(actor: Actor): UnitLookup {
    return {
      search: async (q, options) => {
        const request: SearchUnitsRequest = { actor, q, pageSize: SEARCH_PAGE, ...(options?.parentCode ? { parentCode: options.parentCode } : {}) };
        const page = await this.rpc.send<UnitPage>(RpcPatterns.directory.searchUnits, request);
        return { items: page.items.map(candidate), total: page.total };
      },
    };
  }
}

function candidate(unit: UnitRecord): UnitCandidate {
  return { code: unit.code, name: unit.name, kind: unit.kind, path: unit.path };
}

function referenceDateOf(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: LOCAL_ZONE }).isValid) return value;
  return DateTime.now().setZone(LOCAL_ZONE).toISODate()!;
}

function defaultsOf(value: ImportPlanRequest['defaults']): ImportPlanRequest['defaults'] {
  if (!value || typeof value !== 'object') return undefined;
  const pick = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return { symbol: pick(value.symbol), issueDate: pick(value.issueDate), title: pick(value.title) };
}

/** The plans service's field errors, each tied back to the source line of the task it is about. */
function explain(error: DomainError, draft: Draft): ImportWarning[] {
  const fields: FieldError[] = error.fields?.length ? error.fields : [{ path: '', message: error.message }];
  return fields.map((field) => {
    const task = /^tasks\[(\d+)\]/.exec(field.path);
    const line = task ? (draft.taskLines[Number(task[1])] ?? 0) : 0;
    const where = task && draft.input ? `nhiệm vụ ${draft.input.tasks[Number(task[1])]?.number ?? ''}` : field.path;
    return { line, text: where, message: `Chưa tạo được dự thảo: ${where ? `${where}: ` : ''}${field.message}` };
  });
}
