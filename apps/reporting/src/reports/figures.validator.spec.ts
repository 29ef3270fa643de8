import type { IndicatorDefinition } from '#contracts';
import { INDICATORS } from '../testing/fixtures.js';
import { checkFigures, figuresObject } from './figures.validator.js';

const share: IndicatorDefinition = { code: 'diem', name: 'Điểm tự đánh giá', type: 'percentage', rollup: 'share', partOf: null, threshold: 90, unit: '%', required: false };
const indicators = [...INDICATORS, share];

describe('checkFigures', () => {
  it('accepts a complete submission and marks what counts as "yes"', () => {
    const { figures, errors } = checkFigures(indicators, { dang_vien: 72, quan_triet: 72, vi_pham: 0, hoi_nghi: true, ty_le_sinh_hoat: 100, ghi_chu: ' Không ', diem: 95 }, true);
    expect(errors).toEqual([]);
    expect(figures.find((f) => f.code === 'hoi_nghi')).toMatchObject({ flag: true, yes: true });
    expect(figures.find((f) => f.code === 'diem')).toMatchObject({ num: 95, yes: true });
    expect(figures.find((f) => f.code === 'dang_vien')).toMatchObject({ num: 72, yes: false });
    expect(figuresObject(figures)).toMatchObject({ ghi_chu: 'Không', hoi_nghi: true });
  });

  it('reports each field with a Vietnamese message', () => {
    const { errors } = checkFigures(indicators, { dang_vien: -3, quan_triet: 2.5, hoi_nghi: 1, ty_le_sinh_hoat: 101, ghi_chu: 5, diem: '90', la: 1 }, true);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'figures.la', message: 'Báo cáo này không có chỉ tiêu "la"' },
        { path: 'figures.dang_vien', message: '"Tổng số đảng viên" không được âm (-3)' },
        { path: 'figures.quan_triet', message: '"Số đảng viên được quán triệt" phải là số nguyên (2.5)' },
        { path: 'figures.hoi_nghi', message: '"Đã tổ chức hội nghị quán triệt" phải là có (true) hoặc không (false), không phải 1' },
        { path: 'figures.ty_le_sinh_hoat', message: '"Tỷ lệ sinh hoạt chi bộ đúng kỳ" là tỷ lệ phần trăm, phải từ 0 đến 100 (101)' },
        { path: 'figures.ghi_chu', message: '"Khó khăn, vướng mắc" phải là văn bản' },
        { path: 'figures.diem', message: '"Điểm tự đánh giá" phải là một số, không phải "90"' },
      ]),
    );
    expect(errors).toHaveLength(7);
  });

  it('never lets a part exceed its whole', () => {
    const { errors } = checkFigures(indicators, { dang_vien: 30, quan_triet: 31, vi_pham: 30 }, true);
    expect(errors).toEqual([{ path: 'figures.quan_triet', message: '"Số đảng viên được quán triệt" (31) không được lớn hơn "Tổng số đảng viên" (30)' }]);
  });

  it('requires required indicators, and the whole of a given part, only on submission', () => {
    expect(checkFigures(indicators, { quan_triet: 3 }, true).errors).toEqual([{ path: 'figures.dang_vien', message: '"Tổng số đảng viên" là bắt buộc' }]);
    expect(checkFigures(INDICATORS.map((i) => ({ ...i, required: false })), { quan_triet: 3 }, true).errors).toEqual([
      { path: 'figures.dang_vien', message: 'Cần nhập "Tổng số đảng viên" vì đã nhập "Số đảng viên được quán triệt" (để tính tỷ lệ)' },
    ]);
    expect(checkFigures(indicators, { quan_triet: 3 }, false).errors).toEqual([]);
  });

  it('treats null and empty as not given, and refuses a non-object', () => {
    expect(checkFigures(indicators, { dang_vien: 10, quan_triet: 9, vi_pham: null, ghi_chu: '' }, true).errors).toEqual([]);
    expect(checkFigures(indicators, [1] as never, true).errors).toEqual([{ path: 'figures', message: expect.any(String) }]);
  });
});
