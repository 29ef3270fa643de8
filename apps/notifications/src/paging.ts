import { DomainError } from '#service-kit';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;

/** Page and page size from a request (the gateway validated them; this guards direct callers). */
export function paging(request: { page?: unknown; pageSize?: unknown }, code: string): { page: number; pageSize: number } {
  const page = request.page === undefined || request.page === null ? 1 : Number(request.page);
  const pageSize = request.pageSize === undefined || request.pageSize === null ? DEFAULT_PAGE_SIZE : Number(request.pageSize);
  const fields = [];
  if (!Number.isInteger(page) || page < 1) fields.push({ path: 'page', message: 'Số trang phải là số nguyên từ 1 trở lên' });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    fields.push({ path: 'pageSize', message: `Số dòng mỗi trang phải từ 1 đến ${MAX_PAGE_SIZE}` });
  }
  if (fields.length) throw DomainError.invalid(code, fields);
  return { page, pageSize };
}
