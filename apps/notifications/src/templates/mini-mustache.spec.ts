import { TemplateSyntaxError, compileTemplate } from './mini-mustache.js';

const render = (source: string, context: unknown, html = false) => compileTemplate(source).render(context, { html });

describe('mini-mustache', () => {
  it('prints values and dotted names; missing ones print nothing', () => {
    expect(render('{{a}} {{b.c}} {{b.d.e}} {{missing}} {{b.missing.deeper}}', { a: 'x', b: { c: 3, d: { e: true } } })).toBe('x 3 true  ');
  });

  it('escapes printed values in HTML only, never the template itself', () => {
    const context = { name: `<b>"Tô" & 'Lê'</b>` };
    expect(render('<p>{{name}}</p>', context, true)).toBe('<p>&lt;b&gt;&quot;Tô&quot; &amp; &#39;Lê&#39;&lt;/b&gt;</p>');
    expect(render('<p>{{{name}}}|{{& name}}</p>', context, true)).toBe(`<p><b>"Tô" & 'Lê'</b>|<b>"Tô" & 'Lê'</b></p>`);
    expect(render('{{name}}', context, false)).toBe(`<b>"Tô" & 'Lê'</b>`);
  });

  it('never prints an object', () => {
    expect(render('[{{plan}}]', { plan: { symbol: '1-KH/TU' } })).toBe('[]');
  });

  it('sections: skipped when falsy or empty, repeated for lists, entered for objects', () => {
    const template = '{{#items}}<{{title}}>{{/items}}{{#one}}({{symbol}}){{/one}}{{#no}}X{{/no}}{{#zero}}Z{{/zero}}';
    expect(render(template, { items: [{ title: 'a' }, { title: 'b' }], one: { symbol: 'S' }, no: false, zero: 0 })).toBe('<a><b>(S)Z');
    expect(render('{{#list}}{{.}},{{/list}}', { list: ['x', 'y'] })).toBe('x,y,');
    expect(render('{{#empty}}X{{/empty}}{{#blank}}Y{{/blank}}{{#nil}}Z{{/nil}}', { empty: [], blank: '', nil: null })).toBe('');
  });

  it('inverted sections print when the section would not', () => {
    const template = '{{#deadline}}hạn {{deadline}}{{/deadline}}{{^deadline}}thường xuyên{{/deadline}}';
    expect(render(template, { deadline: '31/12/2026' })).toBe('hạn 31/12/2026');
    expect(render(template, { deadline: null })).toBe('thường xuyên');
    expect(render('{{^items}}none{{/items}}', { items: [] })).toBe('none');
  });

  it('looks names up through enclosing contexts', () => {
    expect(render('{{#items}}{{title}} của {{unit.name}}; {{/items}}', { unit: { name: 'Xã A' }, items: [{ title: 't1' }, { title: 't2' }] })).toBe(
      't1 của Xã A; t2 của Xã A; ',
    );
  });

  it('removes lines holding only a block tag or comment, keeping the others', () => {
    const template = 'Kính gửi,\n{{! a comment }}\n{{#items}}\n- {{.}}\n{{/items}}\n  {{^items}}\nKhông có\n  {{/items}}\nHết';
    expect(render(template, { items: ['a', 'b'] })).toBe('Kính gửi,\n- a\n- b\nHết');
    expect(render(template, { items: [] })).toBe('Kính gửi,\nKhông có\nHết');
    expect(render('{{#a}}\nX\n{{/a}}', { a: true })).toBe('X\n');
    // Not alone on the line: kept as written.
    expect(render('A {{#a}}x{{/a}} B\n{{#a}} {{v}}{{/a}}', { a: true, v: 1 })).toBe('A x B\n 1');
  });

  it('rejects broken templates at compile time, with the line', () => {
    const error = (source: string) => {
      try {
        compileTemplate(source, 'x.html');
      } catch (caught) {
        expect(caught).toBeInstanceOf(TemplateSyntaxError);
        return (caught as Error).message;
      }
      throw new Error('compiled');
    };
    expect(error('a\n{{#items}}\nb')).toBe('x.html, line 2: {{#items}} is never closed');
    expect(error('{{#a}}{{/b}}')).toMatch(/line 1: \{\{\/b\}\} closes \{\{#a\}\}/);
    expect(error('{{/a}}')).toMatch(/closes nothing/);
    expect(error('{{> header}}')).toMatch(/partials/);
    expect(error('{{plan symbol}}')).toMatch(/is not a name/);
    expect(error('{{{raw}}')).toMatch(/unbalanced/);
  });
});
