// The workflow's tabs besides the graph: its YAML, its parameters and outputs, and the events seen while watching.
import { el, replace } from '../dom.js';
import { toYaml } from '../yaml-dump.js';
import { icon, phaseClass } from '../phase.js';

function table(headers, rows, id) {
  return el('table', { class: 'table compact', id },
    el('thead', null, el('tr', null, headers.map(h => el('th', null, h)))),
    el('tbody', null, rows.map(r => el('tr', null, r.map(c => el('td', null, c ?? ''))))));
}

export function yamlTab(container, workflow) {
  replace(container, el('pre', { class: 'pre yaml', id: 'workflow-yaml' }, toYaml(workflow)));
}

export function parametersTab(container, workflow) {
  const args = (workflow.spec && workflow.spec.arguments && workflow.spec.arguments.parameters) || [];
  const outputs = (workflow.status && workflow.status.outputs && workflow.status.outputs.parameters) || [];
  replace(container,
    el('h3', null, 'Parameters'),
    args.length ? table(['Name', 'Value'], args.map(p => [p.name, p.value ?? p.default ?? '']), 'workflow-parameters') : el('p', { class: 'muted' }, 'No parameters.'),
    outputs.length ? [el('h3', null, 'Outputs'), table(['Name', 'Value'], outputs.map(p => [p.name, p.value ?? '']), 'workflow-outputs')] : null);
}

/** The events tab: one line per watch event, with the node phases that changed since the one before. */
export class EventsTab {
  constructor(container) {
    this.list = el('ol', { class: 'events', id: 'workflow-events' });
    this.previous = {};
    replace(container, el('p', { class: 'muted' }, 'Events received on the workflow-events stream since this page opened.'), this.list);
  }

  add(type, workflow) {
    const nodes = (workflow.status && workflow.status.nodes) || {};
    const changes = [];
    for (const [id, node] of Object.entries(nodes)) {
      const before = this.previous[id];
      if (!before || before !== node.phase) changes.push(`${node.displayName || node.name}: ${node.phase || 'Pending'}`);
      this.previous[id] = node.phase;
    }
    const phase = (workflow.status && workflow.status.phase) || 'Pending';
    this.list.prepend(el('li', null,
      el('span', { class: 'muted' }, new Date().toLocaleTimeString()), ' ',
      el('strong', null, type), ' ',
      el('span', { class: ['phase-icon', phaseClass(phase)] }, icon(phase)), ` ${phase}`,
      changes.length ? el('div', { class: 'muted small' }, changes.slice(0, 20).join(', ') + (changes.length > 20 ? ` and ${changes.length - 20} more` : '')) : null));
  }
}
