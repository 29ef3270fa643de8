export { searchKey } from '#contracts';
/**
 * Unit names arrive in whatever form their source used (50 of the official 3,355 names are in
 * decomposed Unicode). Storing them in NFC makes equal names equal bytes; collapsing whitespace
 * keeps a stray double space in a spreadsheet from creating a "changed" unit.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Escapes `%`, `_` and `\` so a user's query is matched literally inside a LIKE pattern. */
export function likeContains(key: string): string {
  return `%${key.replace(/[\\%_]/gu, (char) => `\\${char}`)}%`;
}
