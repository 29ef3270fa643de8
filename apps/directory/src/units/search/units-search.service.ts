import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  GetUnitRequest,
  ResolveUnitsRequest,
  ResolveUnitsResult,
  SearchUnitsRequest,
  UnitPage,
  UnitRecord,
} from '#contracts';
import { DomainError, requireActor } from '#service-kit';
import { likeContains, searchKey } from '../search-key.js';
import { UNIT_COLUMNS } from '../unit-record.js';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;

type UnitWithDepth = UnitRecord & { depth: number };

/**
 * Reads of the unit tree. Every actor-facing query carries `u.path <@ actor.unitPath` in SQL, so
 * nothing outside the caller's subtree is ever loaded; a unit outside it answers 404 like a
 * missing one.
 */
@Injectable()
export class UnitsSearchService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Name search ignores case, diacritics and đ/Đ (both sides go through `searchKey`) and matches
   * the typed words as one phrase anywhere in the name ("ha noi" finds "Thành phố Hà Nội"); the
   * trigram index serves the LIKE. Ordered by depth below the caller, then name: upper units
   * first, siblings alphabetically (accents ignored).
   */
  async search(request: SearchUnitsRequest): Promise<UnitPage> {
    const actor = requireActor(request?.actor);
    const page = pageNumber(request.page);
    const pageSize = pageSizeOf(request.pageSize);
    const params: unknown[] = [actor.unitPath];
    const where = ['u.path <@ $1::ltree'];
    const key = typeof request.q === 'string' ? searchKey(request.q) : '';
    if (key) {
      params.push(likeContains(key));
      where.push(`u.name_search LIKE $${params.length}`);
    }
    if (typeof request.kind === 'string' && request.kind.trim()) {
      params.push(request.kind.trim());
      where.push(`u.kind = $${params.length}`);
    }
    if (typeof request.parentCode === 'string' && request.parentCode.trim()) {
      params.push(request.parentCode.trim());
      where.push(`u.parent_id = (SELECT p.id FROM units p WHERE p.code = $${params.length} AND p.path <@ $1::ltree)`);
    }
    const filter = where.join(' AND ');
    const [counted, items] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS total FROM units u WHERE ${filter}`, params),
      this.dataSource.query(
        `SELECT ${UNIT_COLUMNS}, nlevel(u.path) - nlevel($1::ltree) AS depth
         FROM units u WHERE ${filter}
         ORDER BY nlevel(u.path), u.name_search, u.name, u.code
         LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, pageSize, (page - 1) * pageSize],
      ) as Promise<UnitWithDepth[]>,
    ]);
    return { items, total: (counted as { total: number }[])[0]!.total, page, pageSize };
  }

  async get(request: GetUnitRequest): Promise<UnitWithDepth> {
    const actor = requireActor(request?.actor);
    const code = typeof request.code === 'string' ? request.code.trim() : '';
    const [unit]: UnitWithDepth[] = await this.dataSource.query(
      `SELECT ${UNIT_COLUMNS}, nlevel(u.path) - nlevel($2::ltree) AS depth
       FROM units u WHERE u.code = $1 AND u.path <@ $2::ltree`,
      [code, actor.unitPath],
    );
    if (!unit) throw unitNotFound(code);
    return unit;
  }

  /**
   * Service-to-service, no actor: another service turning codes into ids and paths. Units and
   * version come from one snapshot, so the version is never older than the units returned.
   */
  async resolve(request: ResolveUnitsRequest): Promise<ResolveUnitsResult> {
    const codes = [
      ...new Set(
        (Array.isArray(request?.codes) ? request.codes : [])
          .filter((code): code is string => typeof code === 'string')
          .map((code) => code.trim()),
      ),
    ];
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const units: UnitRecord[] = await manager.query(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.code = ANY($1::text[])`, [codes]);
      const [row]: { version: string }[] = await manager.query('SELECT version::text AS version FROM directory_version');
      const found = new Set(units.map((unit) => unit.code));
      return { units, missing: codes.filter((code) => !found.has(code)), directoryVersion: Number(row!.version) };
    });
  }
}

export function unitNotFound(code: string): DomainError {
  return new DomainError('UNIT.NOT_FOUND', 404, `Không tìm thấy đơn vị "${code}"`);
}

function pageNumber(value: unknown): number {
  if (value === undefined || value === null) return 1;
  const page = Number(value);
  if (!Number.isInteger(page) || page < 1) {
    throw DomainError.invalid('UNIT.SEARCH_INVALID', [{ path: 'page', message: 'Số trang phải là số nguyên từ 1 trở lên' }]);
  }
  return page;
}

function pageSizeOf(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_PAGE_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw DomainError.invalid('UNIT.SEARCH_INVALID', [
      { path: 'pageSize', message: `Số dòng mỗi trang phải từ 1 đến ${MAX_PAGE_SIZE}` },
    ]);
  }
  return size;
}
