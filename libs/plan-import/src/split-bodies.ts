import { splitOutside, trimPunctuation } from './text.js';

/** Words a body's name starts with ("Ban Tuyên giáo …", "UBND thị xã", "Các đảng ủy …"). */
export const BODY_HEAD =
  '(?:Ban cán sự|Ban|Ủy ban|Uỷ ban|Văn phòng|Đảng ủy|Đảng uỷ|Đảng đoàn|Đảng bộ|Chi bộ|Chi ủy|Trung tâm|UBND|HĐND|UBMTTQ|MTTQ|Hội đồng|Mặt trận|Tỉnh ủy|Thị ủy|Huyện ủy|Thành ủy|Tỉnh đoàn|Đoàn|Hội|Công an|Bộ Chỉ huy|Sở|Phòng|Trường|Cấp ủy|Thường trực|Báo|Đài|Cơ quan|Tòa án|Viện|Liên đoàn|UBKT|BTV|BCH|Các|Tất cả)';

const COMMA_BEFORE_BODY = new RegExp(`,\\s+(?=${BODY_HEAD}\\b)`, 'u');
const AND_BEFORE_BODY = new RegExp(
  `\\s+và\\s+(?=(?:các\\s+(?:tổ chức|đảng ủy|chi bộ|cơ quan|ban|đơn vị|cấp ủy|đoàn thể|hội)|${BODY_HEAD}\\b))`,
  'u',
);

/**
 * The names listed in a role line: "UBND thị xã; các đảng ủy, chi bộ trực thuộc Thị ủy" is two,
 * "Ủy ban Kiểm tra Thị ủy, Ban Dân vận Thị ủy" two, "Các cơ quan chuyên trách tham mưu, giúp việc
 * Thị ủy" one (a comma before a lower-case word stays inside the name).
 */
export function splitBodies(text: string): string[] {
  const names: string[] = [];
  for (const part of splitOutside(text.slice(0, 4000), /;/u)) {
    for (const piece of part.split(COMMA_BEFORE_BODY)) {
      const [left, ...rest] = piece.split(AND_BEFORE_BODY);
      const pieces = left.trim().split(/\s+/u).length >= 2 ? [left, ...rest] : [[left, ...rest].join(' và ')];
      for (const name of pieces) {
        const clean = trimPunctuation(name.replace(/^(?:và|cùng)\s+/u, ''));
        if (clean && /\p{L}/u.test(clean)) names.push(clean);
      }
    }
  }
  return names;
}
