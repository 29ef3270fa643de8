import { readFileSync } from 'node:fs';
import type { ImportedPlan, ImportedTask } from '#contracts';

/** The four documents of ../shared/seeds, copied here so the tests do not depend on ../shared. */
export const SEEDS = {
  province: '000_934aafb5d4becac6.txt',
  town: '001_d6bd956102b4d2c2.txt',
  bloc: '003_cb66bda5281f350e.txt',
  news: '004_fae45371a1183a4b.txt',
} as const;

export function seed(name: keyof typeof SEEDS): string {
  return readFileSync(new URL(`./${SEEDS[name]}`, import.meta.url), 'utf8');
}

/** Plan 001 implements 301-KH/TU of 15/8/2024; its timelines are read as of autumn 2024. */
export const REFERENCE = '2024-10-15';

export function flatten(tasks: ImportedTask[]): ImportedTask[] {
  return tasks.flatMap((task) => [task, ...flatten(task.children)]);
}

export function task(plan: ImportedPlan, number: string): ImportedTask {
  const found = flatten(plan.tasks).find((t) => t.number === number);
  if (!found) throw new Error(`no task ${number}`);
  return found;
}

/** Roles of a task as {kind: bodies}. */
export function rolesOf(t: ImportedTask): Record<string, string[]> {
  const roles: Record<string, string[]> = {};
  for (const role of t.roles) roles[role.kind] = [...(roles[role.kind] ?? []), ...role.bodies];
  return roles;
}

/** The plan without source line numbers (and optionally quoted source text): what two renderings of one document share. */
export function withoutLines(value: unknown, dropText = true): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutLines(v, dropText));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'line' && (!dropText || key !== 'text'))
        .map(([key, v]) => [key, withoutLines(v, dropText)]),
    );
  }
  return value;
}
