// One workflow as a table row (phase, name, started, duration, [progress,] message): the workflow list and a cron
// workflow's page show their workflows the same way. Everything goes in as text.
import { el } from './dom.js';
import { paths } from './router.js';
import { icon, phaseClass } from './phase.js';
import { between, ago, localTime } from './format.js';

export function workflowRow(wf, { progress = true } = {}) {
  const status = wf.status || {};
  const meta = wf.metadata;
  const phase = status.phase || 'Pending';
  return el('tr', { class: ['wf-row', phaseClass(phase)], dataset: { name: meta.name, phase } },
    el('td', { class: 'phase-cell' }, el('span', { class: ['phase-icon', phaseClass(phase)], title: phase }, icon(phase)), ' ', el('span', { class: 'phase-text' }, phase)),
    el('td', { class: 'name-cell' }, el('a', { href: paths.workflow(meta.namespace, meta.name), class: 'wf-link' }, meta.name)),
    el('td', { title: localTime(status.startedAt || meta.creationTimestamp) }, ago(status.startedAt || meta.creationTimestamp)),
    el('td', null, between(status.startedAt, status.finishedAt)),
    ...(progress ? [el('td', null, status.progress || '')] : []),
    el('td', { class: 'message-cell' }, status.message || ''));
}
