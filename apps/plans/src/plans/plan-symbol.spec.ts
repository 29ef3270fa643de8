import { parsePlanSymbol } from './plan-symbol.js';

describe('parsePlanSymbol', () => {
  it.each([
    ['301-KH/TU', 301, 'KH', 'TU'],
    ['51-KH/ĐUK', 51, 'KH', 'ĐUK'],
    ['144-QĐ/TW', 144, 'QĐ', 'TW'],
    [' 12 - HD/BTGTU ', 12, 'HD', 'BTGTU'],
    ['07-CV/HU-VP', 7, 'CV', 'HU-VP'],
  ])('reads %s', (raw, number, kind, issuer) => {
    expect(parsePlanSymbol(raw)).toMatchObject({ number, documentKind: kind, issuerCode: issuer });
  });

  it('accepts NFD input and returns NFC', () => {
    expect(parsePlanSymbol('51-KH/ĐUK'.normalize('NFD'))?.symbol).toBe('51-KH/ĐUK'.normalize('NFC'));
  });

  it.each(['KH/TU', '301-XX/TU', '301-kh/tu', '301KH/TU', '301-KH/', '-KH/TU', ''])('rejects %j', (raw) => {
    expect(parsePlanSymbol(raw)).toBeNull();
  });
});
