// A YAML editor: a textarea with line numbers, and diagnostics marked at their line and listed with line:column.
import { el, replace } from './dom.js';

export class YamlEditor {
  constructor(onChange) {
    this.gutter = el('div', { class: 'gutter', 'aria-hidden': 'true' });
    this.text = el('textarea', { class: 'code', id: 'yaml-input', spellcheck: 'false', wrap: 'off', 'aria-label': 'workflow YAML' });
    this.list = el('ul', { class: 'diagnostics', id: 'diagnostics' });
    this.element = el('div', { class: 'editor' }, el('div', { class: 'editor-body' }, this.gutter, this.text), this.list);
    this.marks = new Map();
    this.text.addEventListener('input', () => { this.renumber(); onChange(this.text.value); });
    this.text.addEventListener('scroll', () => { this.gutter.scrollTop = this.text.scrollTop; });
    this.renumber();
  }

  get value() { return this.text.value; }

  set value(text) {
    this.text.value = text;
    this.renumber();
  }

  renumber() {
    const count = this.text.value.split('\n').length;
    if (count === this.lines) return;
    this.lines = count;
    const fragment = document.createDocumentFragment();
    for (let i = 1; i <= count; i++) {
      const mark = this.marks.get(i);
      fragment.append(el('div', { class: ['line-number', mark ? `mark-${mark}` : ''], dataset: { line: i } }, String(i)));
    }
    this.gutter.replaceChildren(fragment);
  }

  /** Shows diagnostics [{severity, line, column, message, path, code}]; an empty list clears them. */
  setDiagnostics(diagnostics) {
    this.marks = new Map();
    for (const d of diagnostics) if (d.line) this.marks.set(d.line, d.severity === 'warning' && this.marks.get(d.line) !== 'error' ? 'warning' : 'error');
    this.lines = -1;
    this.renumber();
    replace(this.list, diagnostics.map(d => {
      const where = d.line ? `${d.line}:${d.column || 1}` : '';
      const item = el('li', { class: ['diagnostic', d.severity || 'error'], dataset: { line: d.line || '', column: d.column || '' } },
        where ? el('a', { href: '#', class: 'where' }, `line ${d.line}, column ${d.column || 1}`) : null,
        ` ${d.severity || 'error'}: `, d.message || '', d.path ? el('span', { class: 'muted' }, ` (${d.path})`) : null);
      const link = item.querySelector('a.where');
      if (link) link.addEventListener('click', event => { event.preventDefault(); this.reveal(d.line, d.column || 1); });
      return item;
    }));
  }

  /** Puts the caret at line:column. */
  reveal(line, column) {
    const lines = this.text.value.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    this.text.focus();
    this.text.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(this.text).lineHeight) || 18;
    this.text.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }
}
