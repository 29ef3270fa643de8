import { likeContains, normaliseName, searchKey } from './search-key.js';

describe('normaliseName', () => {
  it('turns decomposed Unicode into NFC', () => {
    const decomposed = 'Xã Hạ Bằng'.normalize('NFD');
    expect(decomposed).not.toBe('Xã Hạ Bằng');
    expect(normaliseName(decomposed)).toBe('Xã Hạ Bằng');
  });

  it('trims and collapses inner whitespace', () => {
    expect(normaliseName('  Phường \t Ba   Đình \n')).toBe('Phường Ba Đình');
  });
});

describe('searchKey', () => {
  it.each([
    ['Tỉnh Lạng Sơn', 'tinh lang son'],
    ['Thành phố Hà Nội', 'thanh pho ha noi'],
    ['Đảng ủy xã Đông Anh', 'dang uy xa dong anh'],
    ['THÀNH PHỐ HỒ CHÍ MINH', 'thanh pho ho chi minh'],
    ['Xã Hạ Bằng'.normalize('NFD'), 'xa ha bang'],
    ['  Lạng   Sơn ', 'lang son'],
  ])('%s → %s', (name, key) => {
    expect(searchKey(name)).toBe(key);
  });

  it('gives the same key for what a user types without accents', () => {
    expect(searchKey('lang son')).toBe(searchKey('Lạng Sơn'));
    expect(searchKey('DONG')).toBe(searchKey('Đông'));
  });
});

describe('likeContains', () => {
  it('escapes LIKE wildcards so they match literally', () => {
    expect(likeContains('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
