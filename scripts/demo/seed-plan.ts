import type { PlanInput } from '#contracts';

/**
 * The town plan in ../shared/seeds/001_d6bd956102b4d2c2.txt (implementing Regulation 144-QĐ/TW),
 * entered as a provincial plan of today's two-level tree: its tasks, roles and timelines as
 * written, with the years moved to the current one so the demo's deadlines lie ahead.
 * "Các đảng ủy, chi bộ trực thuộc" (every directly subordinate committee) is the
 * `direct-subordinates` selector.
 */
export function seedPlan(issuerCode: string, year: number, issueDate: string): PlanInput {
  const subordinates = { type: 'direct-subordinates' } as const;
  return {
    symbol: '301-KH/TU',
    title: 'Kế hoạch thực hiện Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới',
    issuingUnitCode: issuerCode,
    issueDate,
    signer: 'T/M Ban Thường vụ, Bí thư',
    basis: [{ text: 'Quy định số 144-QĐ/TW ngày 09/5/2024 của Bộ Chính trị' }],
    tasks: [
      { number: '1', title: 'Quán triệt, tuyên truyền các chuẩn mực đạo đức cách mạng theo Quy định số 144-QĐ/TW', implementing: subordinates, timeline: 'Thường xuyên' },
      { number: '2', title: 'Lãnh đạo, chỉ đạo tổ chức triển khai thực hiện hiệu quả các chuẩn mực đạo đức cách mạng gắn với các tiêu chí đánh giá', implementing: subordinates, timeline: 'Thường xuyên' },
      { number: '3', title: 'Rà soát, bổ sung, xây dựng, hoàn thiện chuẩn mực đạo đức nghề nghiệp, đạo đức công vụ cho cán bộ, đảng viên', implementing: subordinates, timeline: `Hoàn thành trong quý IV/${year}` },
      { number: '4', title: 'Đưa các tiêu chí chuẩn mực đạo đức cách mạng vào Bản cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm của cán bộ, đảng viên', implementing: subordinates, timeline: `Hoàn thành trong quý IV/${year}` },
      { number: '5', title: 'Lồng ghép các chuẩn mực đạo đức cách mạng vào chương trình, tài liệu đào tạo, bồi dưỡng cán bộ, đảng viên', timeline: 'Thường xuyên' },
      { number: '6', title: 'Kiểm tra, giám sát việc thực hiện Quy định số 144-QĐ/TW', implementing: subordinates, timeline: 'Thường xuyên' },
      { number: '6.1', title: 'Đưa việc thực hiện Quy định số 144-QĐ/TW vào chương trình kiểm tra, giám sát hằng năm của cấp ủy', implementing: subordinates, timeline: 'Thường xuyên' },
      { number: '7', title: 'Đánh giá, khen thưởng, kỷ luật, sơ kết, tổng kết Quy định số 144-QĐ/TW', implementing: subordinates, timeline: 'Thường xuyên' },
      { number: '8', title: 'Báo cáo kết quả ban hành chuẩn mực đạo đức nghề nghiệp, đạo đức công vụ', implementing: subordinates, timeline: `trước ngày 25/12/${year}` },
      { number: '9', title: 'Báo cáo kết quả tổ chức thực hiện Quy định số 144-QĐ/TW (qua Ban Tuyên giáo)', implementing: subordinates, timeline: 'Định kỳ hằng năm (trước ngày 25/11)' },
    ],
  };
}
