/**
 * Logic-less templates in Mustache syntax, the subset notifications need.
 *
 * Why our own ~150 lines instead of a library: no Mustache/Handlebars implementation is a
 * dependency of the project, and the one template engine that happens to be installed (ejs, pulled
 * in by bull-board) runs arbitrary JavaScript from the template: it would turn the ops-editable
 * NOTIFICATIONS_TEMPLATE_DIR into a code-execution path. Logic-less templates can only print the
 * facts they are given. The subset is small enough to test completely (mini-mustache.spec.ts) and
 * uses the standard Mustache syntax, so templates written for it also work with mustache.js:
 *
 * - `{{name}}`, `{{a.b.c}}`: a value, HTML-escaped when rendering HTML; `{{{name}}}` or `{{&name}}` raw;
 * - `{{#name}}…{{/name}}`: nothing when the value is false, null, '' or an empty list; once per
 *   item for a list (the item becomes the context, `{{.}}` is the item itself); otherwise once with
 *   the value as context;
 * - `{{^name}}…{{/name}}`: only when `{{#name}}` would print nothing;
 * - `{{! comment}}`; a section or comment tag alone on its line takes the line with it.
 *
 * Not supported (rejected at load, never silently printed): partials `{{>x}}`, delimiter changes `{{=x=}}`.
 */

export class TemplateSyntaxError extends Error {}

type Node =
  | { type: 'text'; value: string }
  | { type: 'value'; name: string; escape: boolean }
  | { type: 'section'; name: string; inverted: boolean; children: Node[] };

export interface CompiledTemplate {
  /** Renders with `context`; `html` escapes printed values (& < > " '). */
  render(context: unknown, options?: { html?: boolean }): string;
}

const NAME = /^(?:\.|[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)$/;
const TAG = /\{\{(\{?)([\s\S]*?)\}\}(\}?)/g;

interface Token {
  kind: 'text' | 'value' | 'raw' | 'open' | 'inverted' | 'close' | 'comment';
  name: string;
  start: number;
  end: number;
}

/** Parses once (at load: a broken template stops the service at start, not at the first send). */
export function compileTemplate(source: string, label = 'template'): CompiledTemplate {
  const nodes = parse(source, label);
  return {
    render: (context, options = {}) => renderNodes(nodes, [context], options.html ?? false),
  };
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

function tokenize(source: string, label: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const start = match.index;
    const end = start + match[0].length;
    const triple = match[1] === '{';
    if (triple !== (match[3] === '}')) {
      throw new TemplateSyntaxError(`${label}, line ${lineOf(source, start)}: unbalanced "{{{" in ${match[0]}`);
    }
    let body = match[2].trim();
    let kind: Token['kind'] = triple ? 'raw' : 'value';
    if (!triple) {
      const sigil = body[0];
      if (sigil === '#' || sigil === '^' || sigil === '/' || sigil === '!' || sigil === '&') {
        body = body.slice(1).trim();
        kind = ({ '#': 'open', '^': 'inverted', '/': 'close', '!': 'comment', '&': 'raw' } as const)[sigil];
      } else if (sigil === '>' || sigil === '=') {
        throw new TemplateSyntaxError(`${label}, line ${lineOf(source, start)}: ${match[0]} (partials and delimiter changes are not supported)`);
      }
    }
    if (kind !== 'comment' && !NAME.test(body)) {
      throw new TemplateSyntaxError(`${label}, line ${lineOf(source, start)}: "${body}" is not a name in ${match[0]}`);
    }
    if (start > last) tokens.push({ kind: 'text', name: source.slice(last, start), start: last, end: start });
    tokens.push({ kind, name: body, start, end });
    last = end;
  }
  if (last < source.length) tokens.push({ kind: 'text', name: source.slice(last), start: last, end: source.length });
  return removeStandaloneLines(tokens);
}

/**
 * A section, inverted, closing or comment tag alone on its line (only blanks around it) removes
 * that whole line, so block tags do not leave empty lines in text e-mails.
 */
function removeStandaloneLines(tokens: Token[]): Token[] {
  const isBlock = (token: Token) => token.kind === 'open' || token.kind === 'inverted' || token.kind === 'close' || token.kind === 'comment';
  // Judged on the original text first, then trimmed: consecutive tag lines are all removed.
  const standalone = tokens.map((token, i) => {
    if (!isBlock(token)) return false;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const startsLine = before === undefined || (before.kind === 'text' && (/\n[ \t]*$/.test(before.name) || (i === 1 && /^[ \t]*$/.test(before.name))));
    const endsLine =
      after === undefined ||
      (after.kind === 'text' && (/^[ \t]*\r?\n/.test(after.name) || (i + 2 === tokens.length && /^[ \t]*$/.test(after.name))));
    return startsLine && endsLine;
  });
  tokens.forEach((_token, i) => {
    if (!standalone[i]) return;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (before) before.name = before.name.replace(/[ \t]*$/, '');
    if (after) after.name = after.name.replace(/^[ \t]*(\r?\n)?/, '');
  });
  return tokens.filter((token) => token.kind !== 'text' || token.name !== '');
}

function parse(source: string, label: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; children: Node[]; at: number }[] = [];
  let current = root;
  for (const token of tokenize(source, label)) {
    switch (token.kind) {
      case 'text':
        current.push({ type: 'text', value: token.name });
        break;
      case 'value':
      case 'raw':
        current.push({ type: 'value', name: token.name, escape: token.kind === 'value' });
        break;
      case 'comment':
        break;
      case 'open':
      case 'inverted': {
        const section: Node = { type: 'section', name: token.name, inverted: token.kind === 'inverted', children: [] };
        current.push(section);
        stack.push({ name: token.name, children: current, at: token.start });
        current = section.children;
        break;
      }
      case 'close': {
        const open = stack.pop();
        if (!open) throw new TemplateSyntaxError(`${label}, line ${lineOf(source, token.start)}: {{/${token.name}}} closes nothing`);
        if (open.name !== token.name) {
          throw new TemplateSyntaxError(
            `${label}, line ${lineOf(source, token.start)}: {{/${token.name}}} closes {{#${open.name}}} (line ${lineOf(source, open.at)})`,
          );
        }
        current = open.children;
        break;
      }
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw new TemplateSyntaxError(`${label}, line ${lineOf(source, unclosed.at)}: {{#${unclosed.name}}} is never closed`);
  return root;
}

function lookup(stack: unknown[], name: string): unknown {
  if (name === '.') return stack[stack.length - 1];
  const [first, ...rest] = name.split('.');
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame !== null && typeof frame === 'object' && first! in frame) {
      let value: unknown = (frame as Record<string, unknown>)[first!];
      for (const key of rest) {
        value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
      }
      return value;
    }
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === '' || (Array.isArray(value) && value.length === 0);
}

function renderNodes(nodes: Node[], stack: unknown[], html: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += node.value;
    } else if (node.type === 'value') {
      const value = lookup(stack, node.name);
      const text = value === undefined || value === null ? '' : typeof value === 'object' ? '' : String(value);
      out += node.escape && html ? escapeHtml(text) : text;
    } else {
      const value = lookup(stack, node.name);
      if (node.inverted) {
        if (isEmpty(value)) out += renderNodes(node.children, stack, html);
      } else if (Array.isArray(value)) {
        for (const item of value) out += renderNodes(node.children, [...stack, item], html);
      } else if (!isEmpty(value)) {
        out += renderNodes(node.children, [...stack, value], html);
      }
    }
  }
  return out;
}
