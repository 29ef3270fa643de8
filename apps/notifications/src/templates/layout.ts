/** The three parts of a template: the e-mail subject (also the inbox title), text and HTML bodies. */
export interface TemplateSources {
  subject: string;
  text: string;
  html: string;
}

/** The facts table under the lead sentence: the same facts as plain lines and as an HTML table. */
export interface Facts {
  text: string;
  html: string;
}

/** One row of the HTML facts table. */
export const row = (label: string, value: string): string => `<tr><td style="color:#555">${label}</td><td>${value}</td></tr>\n`;

/** Every notice is about a plan: its line comes first, then the kind's own lines and rows. */
export function planFacts(textLines: string, htmlRows: string): Facts {
  return {
    text: `{{#plan}}\nKế hoạch: {{symbol}} – {{title}}\n{{/plan}}\n${textLines}`,
    html:
      '<table cellpadding="6" style="border-collapse:collapse;margin:12px 0">\n{{#plan}}\n' +
      row('Kế hoạch', '<b>{{symbol}}</b> – {{title}}') +
      `{{/plan}}\n${htmlRows}</table>\n`,
  };
}

export const TEXT_FOOTER = `
Đề nghị đồng chí đăng nhập hệ thống Triển khai để xem chi tiết.

--
Thư gửi tự động từ hệ thống Triển khai, vui lòng không trả lời thư này.
`;

function text(lead: string, facts: Facts): string {
  return `Kính gửi đồng chí {{recipient.name}},

${lead}

${facts.text}${TEXT_FOOTER}`;
}

function html(lead: string, facts: Facts): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>{{kindLabel}}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;line-height:1.5">
<p>Kính gửi đồng chí {{recipient.name}},</p>
<p>${lead}</p>
${facts.html}<p>Đề nghị đồng chí đăng nhập hệ thống Triển khai để xem chi tiết.</p>
<p style="color:#777;font-size:12px">Thư gửi tự động từ hệ thống Triển khai, vui lòng không trả lời thư này.</p>
</body>
</html>
`;
}

/**
 * A letter: greeting, a lead sentence (the same in text and HTML; values are escaped in HTML),
 * the facts, the footer.
 */
export function letter(subject: string, lead: string, facts: Facts): TemplateSources {
  return { subject, text: text(lead, facts), html: html(lead, facts) };
}
