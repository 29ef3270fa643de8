/**
 * Field messages shown to users (Vietnamese). Every DTO decorator names one of these so no English
 * default from class-validator reaches a client; `validation.spec.ts` checks that.
 */
export const Msg = {
  required: 'là bắt buộc',
  string: 'phải là chuỗi ký tự',
  notEmpty: 'không được để trống',
  array: 'phải là một danh sách',
  arrayNotEmpty: 'phải có ít nhất một phần tử',
  object: 'phải là một đối tượng',
  date: 'phải là ngày dạng YYYY-MM-DD',
  isoDate: 'phải là ngày giờ dạng ISO 8601, ví dụ 2024-12-31 hoặc 2024-12-31T17:00:00Z',
  integer: 'phải là số nguyên',
  notAllowed: 'trường này không được phép',
  tooLong: (max: number) => `không được dài quá ${max} ký tự`,
  tooMany: (max: number) => `không được nhiều quá ${max} phần tử`,
  min: (min: number) => `phải lớn hơn hoặc bằng ${min}`,
  max: (max: number) => `phải nhỏ hơn hoặc bằng ${max}`,
  oneOf: (values: readonly string[]) => `phải là một trong các giá trị: ${values.join(', ')}`,
} as const;

export const INVALID_REQUEST = { code: 'REQUEST.INVALID', message: 'Dữ liệu gửi lên không hợp lệ' } as const;
