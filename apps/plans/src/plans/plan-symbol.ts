import { DOCUMENT_KINDS } from '#contracts';

/**
 * A document's number and symbol as printed on it: `301-KH/TU` is number 301, kind KH (kế hoạch),
 * issued by TU (Tỉnh ủy). Issuer codes may have several parts (`KH/ĐUK`, `HD/BTGTU`).
 */
export interface PlanSymbol {
  symbol: string;
  number: number;
  documentKind: string;
  issuerCode: string;
}


const SYMBOL = /^(\d{1,6})-([A-ZĐ]{2,4})\/([A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*)$/u;

/** Returns the parsed symbol, or null when it does not have the `number-KIND/ISSUER` form. */
export function parsePlanSymbol(raw: string): PlanSymbol | null {
  const symbol = raw.normalize('NFC').trim().replace(/\s+/g, '');
  const match = SYMBOL.exec(symbol);
  if (!match || !DOCUMENT_KINDS[match[2]]) return null;
  return { symbol, number: Number(match[1]), documentKind: match[2], issuerCode: match[3] };
}
