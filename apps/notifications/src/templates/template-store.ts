import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_TEMPLATES, type TemplateKey, type TemplateSources } from './built-in-templates.js';
import { TemplateSyntaxError, compileTemplate, type CompiledTemplate } from './mini-mustache.js';

/** The file of each part of a template in NOTIFICATIONS_TEMPLATE_DIR: `<key><suffix>`. */
export const TEMPLATE_FILES: Record<keyof TemplateSources, string> = {
  subject: '.subject.txt',
  text: '.text.txt',
  html: '.html',
};

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

interface Compiled {
  subject: CompiledTemplate;
  text: CompiledTemplate;
  html: CompiledTemplate;
}

/**
 * The templates in use: the built-ins, with any part overridden by a file in the templates folder
 * (ops change wording without a code change; a restart picks the change up). Everything is
 * compiled when the store is built, so a broken override stops the service at start with the file
 * and line, instead of failing deliveries later. A file that matches no template is an error too:
 * a misspelt name would otherwise be ignored silently.
 */
export class TemplateStore {
  private constructor(
    private readonly compiled: Map<TemplateKey, Compiled>,
    /** The override files in use, for the start-up log. */
    readonly overrides: string[],
  ) {}

  static load(dir: string): TemplateStore {
    const keys = Object.keys(BUILT_IN_TEMPLATES) as TemplateKey[];
    const overrides: string[] = [];
    if (dir) {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) {
        throw new TemplateSyntaxError(`NOTIFICATIONS_TEMPLATE_DIR ${dir} is not a folder`);
      }
      const known = new Set(keys.flatMap((key) => Object.values(TEMPLATE_FILES).map((suffix) => `${key}${suffix}`)));
      const unknown = readdirSync(dir).filter((name) => !name.startsWith('.') && !known.has(name));
      if (unknown.length > 0) {
        throw new TemplateSyntaxError(
          `NOTIFICATIONS_TEMPLATE_DIR ${dir}: ${unknown.join(', ')} match no template (expected <kind>.subject.txt, <kind>.text.txt or <kind>.html for: ${keys.join(', ')})`,
        );
      }
    }
    const compiled = new Map<TemplateKey, Compiled>();
    for (const key of keys) {
      const parts = {} as Compiled;
      for (const part of Object.keys(TEMPLATE_FILES) as (keyof TemplateSources)[]) {
        const file = dir ? join(dir, `${key}${TEMPLATE_FILES[part]}`) : '';
        const override = file && existsSync(file);
        if (override) overrides.push(`${key}${TEMPLATE_FILES[part]}`);
        const source = override ? readFileSync(file, 'utf8') : BUILT_IN_TEMPLATES[key][part];
        parts[part] = compileTemplate(source, override ? file : `built-in ${key}${TEMPLATE_FILES[part]}`);
      }
      compiled.set(key, parts);
    }
    return new TemplateStore(compiled, overrides);
  }

  /** Subject (one line, blanks collapsed: it becomes a mail header), text and HTML bodies. */
  render(key: TemplateKey, context: object): RenderedMessage {
    const template = this.compiled.get(key);
    if (!template) throw new Error(`no template ${key}`);
    return {
      subject: template.subject.render(context).replace(/\s+/g, ' ').trim(),
      text: template.text.render(context).trim() + '\n',
      html: template.html.render(context, { html: true }),
    };
  }
}
