// A parameters form from spec.arguments.parameters: one input per parameter (a select when it has an enum).
import { el, replace } from '../dom.js';

export class ParamsForm {
  constructor() {
    this.element = el('div', { class: 'params', id: 'params-form' });
    this.defaults = new Map();
    this.inputs = new Map();
  }

  /** Shows parameters [{name, value, enum, description}], keeping what the user typed for names that remain. */
  set(parameters) {
    const edited = new Map([...this.inputs].filter(([, input]) => input.dataset.edited).map(([k, input]) => [k, input.value]));
    this.inputs = new Map();
    this.defaults = new Map();
    const rows = (parameters || []).map(p => {
      const given = p.value ?? p.default ?? '';
      const value = edited.has(p.name) ? edited.get(p.name) : given;
      this.defaults.set(p.name, given);
      const input = Array.isArray(p.enum) && p.enum.length
        ? el('select', { class: 'input', name: p.name }, p.enum.map(v => el('option', { value: v, selected: v === value }, v)))
        : el('input', { class: 'input wide', name: p.name, value, id: `param-${p.name}` });
      if (edited.has(p.name)) input.dataset.edited = '1';
      input.addEventListener('input', () => { input.dataset.edited = '1'; });
      input.addEventListener('change', () => { input.dataset.edited = '1'; });
      this.inputs.set(p.name, input);
      return el('label', { class: 'param' }, el('span', { class: 'param-name' }, p.name), input, p.description ? el('span', { class: 'muted small' }, p.description) : null);
    });
    replace(this.element, rows.length ? [el('h3', null, 'Parameters'), rows] : null);
  }

  /** [{name, value}] of every parameter. */
  values() {
    return [...this.inputs].map(([name, input]) => ({ name, value: input.value }));
  }

  /** True when a value differs from the one the YAML gives. */
  changed() {
    return [...this.inputs].some(([name, input]) => input.value !== this.defaults.get(name));
  }
}
