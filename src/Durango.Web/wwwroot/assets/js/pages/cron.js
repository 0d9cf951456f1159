// CronWorkflows (/cron-workflows/{namespace}[/{name}]): the list, and one cron's schedules, policy, conditions,
// YAML and the workflows it started (label workflows.argoproj.io/cron-workflow=NAME), with suspend and resume.
// Both pages read the API again every few seconds while they are shown.
import { el, replace } from '../dom.js';
import { api } from '../api.js';
import { paths } from '../router.js';
import { ago, localTime, parseTime } from '../format.js';
import { confirmAction, toast } from '../toast.js';
import { toYaml } from '../yaml-dump.js';
import { workflowRow } from '../workflow-row.js';

const REFRESH_MS = 3000;
export const CRON_LABEL = 'workflows.argoproj.io/cron-workflow';

const specOf = cron => cron.spec || {};
const statusOf = cron => cron.status || {};

/** The cron's schedules: spec.schedules, or the older single spec.schedule. */
export function schedules(cron) {
  const spec = specOf(cron);
  if (Array.isArray(spec.schedules) && spec.schedules.length) return spec.schedules.map(String);
  return spec.schedule ? [String(spec.schedule)] : [];
}

const suspended = cron => Boolean(specOf(cron).suspend);
const activeCount = cron => (Array.isArray(statusOf(cron).active) ? statusOf(cron).active.length : 0);
const timezone = cron => specOf(cron).timezone || 'UTC';

/** "in 1m 2s" for a time to come, "" for none. */
function until(value) {
  const t = parseTime(value);
  if (t === null) return '';
  const seconds = Math.round((t - Date.now()) / 1000);
  return seconds <= 0 ? 'now' : `in ${seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`}`;
}

const when = (value, text) => el('span', { title: localTime(value) }, text(value));

/** Calls load now and every REFRESH_MS until the returned function is called; runs never overlap. */
function every(load) {
  let stopped = false;
  let timer = null;
  const tick = async () => {
    try { await load(); } finally { if (!stopped) timer = setTimeout(tick, REFRESH_MS); }
  };
  tick();
  return () => { stopped = true; clearTimeout(timer); };
}

function cronRow(cron, namespace) {
  const meta = cron.metadata;
  const status = statusOf(cron);
  return el('tr', { class: 'cron-row', dataset: { name: meta.name, suspended: String(suspended(cron)) } },
    el('td', null, el('a', { href: paths.cron(meta.namespace || namespace, meta.name), class: 'cron-link' }, meta.name)),
    el('td', { class: 'cron-schedules' }, schedules(cron).join(', ')),
    el('td', null, timezone(cron)),
    el('td', { class: 'cron-suspended' }, suspended(cron) ? 'Suspended' : 'No'),
    el('td', null, when(status.lastScheduledTime, ago)),
    el('td', null, suspended(cron) ? '' : when(status.durangoNextScheduledTime, until)),
    el('td', { class: 'cron-active' }, String(activeCount(cron))));
}

export async function cronsPage(main, route) {
  const { namespace } = route;
  const tbody = el('tbody', { id: 'cron-rows' });
  const info = el('p', { class: 'muted', id: 'cron-info' });
  replace(main,
    el('div', { class: 'page-head' }, el('h1', null, 'Cron workflows'), el('span', { class: 'muted' }, namespace)),
    el('table', { class: 'table', id: 'cron-table' },
      el('thead', null, el('tr', null, ['Name', 'Schedules', 'Timezone', 'Suspended', 'Last run', 'Next run', 'Active'].map(h => el('th', null, h)))),
      tbody),
    info);
  return every(async () => {
    try {
      const list = await api.listCrons(namespace);
      const items = ((list && list.items) || []).slice().sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      replace(tbody, items.map(c => cronRow(c, namespace)));
      info.textContent = items.length ? '' : 'No cron workflows.';
      info.classList.remove('error');
    } catch (error) {
      info.textContent = `Could not list cron workflows: ${error.message}`;
      info.classList.add('error');
    }
  });
}

function field(label, value, id) {
  return el('tr', null, el('th', null, label), el('td', { id }, value));
}

const byNewest = (a, b) => (parseTime(b.metadata.creationTimestamp) ?? 0) - (parseTime(a.metadata.creationTimestamp) ?? 0)
  || b.metadata.name.localeCompare(a.metadata.name);

export async function cronPage(main, route) {
  const { namespace, name } = route;
  const state = el('span', { class: 'live', id: 'cron-state' });
  const summary = el('tbody', { id: 'cron-summary' });
  const conditions = el('div', { id: 'cron-conditions' });
  const workflows = el('tbody', { id: 'cron-wf-rows' });
  const workflowsInfo = el('p', { class: 'muted', id: 'cron-wf-info' });
  const yaml = el('pre', { class: 'pre yaml', id: 'cron-yaml' });
  const info = el('p', { class: 'muted', id: 'cron-info' });
  let current = null;

  const action = (verb, label, ask) => {
    const button = el('button', { class: 'button', type: 'button', id: `cron-${verb}`, disabled: true }, label);
    button.addEventListener('click', async () => {
      if (!await confirmAction(`${ask}\n\n${name}`, label)) return;
      button.disabled = true;
      try {
        show(await api.cronAction(namespace, name, verb));
        toast(`${label}: ${name}`);
      } catch (error) {
        toast(`${label} failed: ${error.message}`, 'error');
        if (current) show(current);
      }
    });
    return button;
  };
  const suspendButton = action('suspend', 'Suspend', 'Suspend this cron workflow? It starts no workflow until it is resumed.');
  const resumeButton = action('resume', 'Resume', 'Resume this cron workflow? It starts workflows on its schedule again.');

  replace(main,
    el('div', { class: 'page-head' }, el('h1', null, name), el('span', { class: 'muted' }, `cron workflow in ${namespace}`), state,
      el('a', { class: 'button', href: paths.crons(namespace) }, 'All cron workflows')),
    el('div', { class: 'actions-bar', id: 'cron-actions' }, suspendButton, resumeButton),
    info,
    el('table', { class: 'table compact', id: 'cron-summary-table' }, summary),
    el('h3', null, 'Conditions'), conditions,
    el('h3', null, 'Workflows'),
    el('table', { class: 'table', id: 'cron-wf-table' },
      el('thead', null, el('tr', null, ['Phase', 'Name', 'Started', 'Duration', 'Message'].map(h => el('th', null, h)))), workflows),
    workflowsInfo,
    el('h3', null, 'YAML'), yaml);

  function show(cron) {
    current = cron;
    const spec = specOf(cron);
    const status = statusOf(cron);
    const isSuspended = suspended(cron);
    state.textContent = isSuspended ? 'Suspended' : (status.phase || 'Active');
    state.className = `live ${isSuspended ? 'suspended' : 'open'}`;
    state.dataset.suspended = String(isSuspended);
    suspendButton.disabled = isSuspended;
    resumeButton.disabled = !isSuspended;
    replace(summary,
      field('Schedules', schedules(cron).join(', '), 'cron-schedules'),
      field('Timezone', timezone(cron)),
      field('Concurrency policy', spec.concurrencyPolicy || 'Allow'),
      spec.startingDeadlineSeconds !== undefined && spec.startingDeadlineSeconds !== null
        ? field('Starting deadline', `${spec.startingDeadlineSeconds}s`) : null,
      field('History limits', `${spec.successfulJobsHistoryLimit ?? 3} succeeded, ${spec.failedJobsHistoryLimit ?? 1} failed`),
      field('Suspended', isSuspended ? 'Yes' : 'No', 'cron-suspended'),
      field('Last run', status.lastScheduledTime ? `${ago(status.lastScheduledTime)} (${localTime(status.lastScheduledTime)})` : 'never'),
      field('Next run', !isSuspended && status.durangoNextScheduledTime
        ? `${until(status.durangoNextScheduledTime)} (${localTime(status.durangoNextScheduledTime)})` : ''),
      field('Active', String(activeCount(cron)), 'cron-active'),
      field('Succeeded / failed', `${status.succeeded ?? 0} / ${status.failed ?? 0}`));
    const conds = Array.isArray(status.conditions) ? status.conditions : [];
    replace(conditions, conds.length
      ? el('table', { class: 'table compact' },
        el('thead', null, el('tr', null, ['Type', 'Status', 'Message', 'Last change'].map(h => el('th', null, h)))),
        el('tbody', null, conds.map(c => el('tr', null,
          el('td', null, c.type || ''), el('td', null, c.status || ''), el('td', null, c.message || ''),
          el('td', null, c.lastTransitionTime ? localTime(c.lastTransitionTime) : '')))))
      : el('p', { class: 'muted' }, 'No conditions.'));
    const manifest = Object.assign({}, cron);
    delete manifest.status;
    yaml.textContent = toYaml(manifest);
  }

  return every(async () => {
    try {
      const cron = await api.getCron(namespace, name);
      info.textContent = '';
      info.classList.remove('error');
      show(cron);
    } catch (error) {
      info.textContent = `Could not read the cron workflow: ${error.message}`;
      info.classList.add('error');
      return;
    }
    try {
      const list = await api.listWorkflows(namespace, { labelSelector: `${CRON_LABEL}=${name}` });
      const items = ((list && list.items) || []).slice().sort(byNewest);
      replace(workflows, items.map(wf => workflowRow(wf, { progress: false })));
      workflowsInfo.textContent = items.length ? '' : 'No workflows yet.';
      workflowsInfo.classList.remove('error');
    } catch (error) {
      workflowsInfo.textContent = `Could not list its workflows: ${error.message}`;
      workflowsInfo.classList.add('error');
    }
  });
}
