import type { ImportWarning } from '#contracts';
import { clip } from './text.js';

/** Enough for any real document; a pathological input cannot grow the answer without bound. */
export const MAX_WARNINGS = 500;

/** Adds a warning about a source line (or the whole document when `at` is null). */
export function warn(warnings: ImportWarning[], at: { line: number; text: string } | null, message: string): void {
  if (warnings.length > MAX_WARNINGS) return;
  if (warnings.length === MAX_WARNINGS) {
    warnings.push({ line: 0, text: '', message: 'Quá nhiều cảnh báo; các cảnh báo sau không được liệt kê' });
    return;
  }
  warnings.push({ line: at?.line ?? 0, text: at ? clip(at.text, 200) : '', message });
}
