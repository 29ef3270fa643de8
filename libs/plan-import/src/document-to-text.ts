import mammoth from 'mammoth';

/** A .docx that cannot be read: not a Word file, a legacy .doc, or damaged. The message is for the user. */
export class DocumentReadError extends Error {
  readonly code = 'PLAN_IMPORT.UNREADABLE';
}

export interface DocumentText {
  text: string;
  /** Mammoth's notes about what it could not convert (unknown styles, images …). */
  messages: string[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * A .docx as the plain text the plan parser reads: one paragraph per line with a blank line
 * between paragraphs (as in the seeds converted from Word), list items prefixed with their
 * numbering ("1.", "1.2.", "-") as far as the document's list structure tells it, table cells
 * in reading order (the header and signature blocks of a plan are two-column tables).
 */
export async function documentToText(buffer: Buffer): Promise<string> {
  return (await readDocx(buffer)).text;
}

export async function readDocx(buffer: Buffer): Promise<DocumentText> {
  if (!Buffer.isBuffer(buffer) || buffer.length < 4) throw new DocumentReadError('Tệp trống hoặc không phải tệp Word (.docx)');
  if (buffer.subarray(0, 4).equals(OLE)) {
    throw new DocumentReadError('Tệp Word 97-2003 (.doc) chưa được hỗ trợ: hãy lưu lại dưới dạng .docx');
  }
  if (!buffer.subarray(0, 4).equals(ZIP)) throw new DocumentReadError('Tệp không phải tệp Word (.docx)');
  let result: { value: string; messages: Array<{ message: string }> };
  try {
    result = await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: true });
  } catch (error) {
    throw new DocumentReadError(`Không đọc được tệp Word (.docx): ${error instanceof Error ? error.message : String(error)}`);
  }
  return { text: htmlToText(result.value), messages: result.messages.map((m) => m.message) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'blockquote', 'tr']);

/**
 * Mammoth's HTML (p, h1–h6, ol/ul/li, table/tr/td, strong/em/a/br …) to lines. Emphasis is
 * dropped; a numbered list item gets its number from its position in nested `<ol>`s.
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let line = '';
  const lists: Array<{ ordered: boolean; count: number }> = [];
  // Word keeps counting a list across the paragraphs that interrupt it (a task's role lines);
  // mammoth closes the <ol> there. A new top-level list continues the last one, unless a
  // section heading ("II. …") came in between.
  let carried = 0;
  const flush = () => {
    const text = line.replace(/[ \t]+/gu, ' ').trim();
    // A list item holding only a nested list leaves its bare number behind.
    if (text && !/^(?:[\d.]+|-)$/u.test(text)) out.push(text, '');
    if (!lists.length && /^[IVX]{1,5}\s*[.\-–]/u.test(text)) carried = 0;
    line = '';
  };
  for (const token of html.matchAll(/<(\/?)([a-z0-9]+)[^>]*?(\/?)>|([^<]+)/giu)) {
    if (token[4] !== undefined) {
      line += decode(token[4]);
      continue;
    }
    const closing = token[1] === '/';
    const tag = token[2].toLowerCase();
    if (tag === 'br') {
      // A line break inside a paragraph: the parser joins continued sentences itself.
      const text = line.trim();
      if (text) out.push(text);
      line = '';
      continue;
    }
    if (tag === 'ol' || tag === 'ul') {
      flush();
      if (closing) {
        const list = lists.pop();
        if (list?.ordered && !lists.length) carried = list.count;
      } else {
        lists.push({ ordered: tag === 'ol', count: tag === 'ol' && !lists.length ? carried : 0 });
      }
      continue;
    }
    if (!BLOCKS.has(tag)) continue;
    flush();
    if (!closing && tag === 'li' && lists.length) {
      const list = lists.at(-1)!;
      list.count++;
      if (list.ordered) {
        const numbers = lists.filter((l) => l.ordered).map((l) => l.count);
        line = `${numbers.join('.')}. `;
      } else {
        line = '- ';
      }
    }
  }
  flush();
  return out.join('\n');
}
