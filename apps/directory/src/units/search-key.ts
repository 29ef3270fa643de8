/**
 * Unit names arrive in whatever form their source used (50 of the official 3,355 names are in
 * decomposed Unicode). Storing them in NFC makes equal names equal bytes; collapsing whitespace
 * keeps a stray double space in a spreadsheet from creating a "changed" unit.
 */
export function normaliseName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The key names are searched by: lower case, combining marks stripped after NFD, đ→d. So "lang son",
 * "LẠNG SƠN" and "Lạng Sơn" all give "lang son". đ is a letter of its own in Unicode (it does not
 * decompose into d + mark), hence the explicit mapping.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/đ/gu, 'd')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Escapes `%`, `_` and `\` so a user's query is matched literally inside a LIKE pattern. */
export function likeContains(key: string): string {
  return `%${key.replace(/[\\%_]/gu, (char) => `\\${char}`)}%`;
}
