// Workflows (/workflows/{namespace}): the list, filters, paging, kept live by the workflow-events stream.
import { el, replace } from '../dom.js';
import { api, query, seg } from '../api.js';
import { watch } from '../sse.js';
import { navigate, paths } from '../router.js';
import { icon, phaseClass, PHASES } from '../phase.js';
import { workflowRow } from '../workflow-row.js';

const PAGE_SIZES = [20, 50, 100, 500];

function selectorFor(phases, labels) {
  const parts = [];
  if (phases.length) parts.push(`workflows.argoproj.io/phase in (${phases.join(',')})`);
  if (labels) parts.push(labels);
  return parts.join(',');
}

function readState(route) {
  const p = route.params;
  return {
    namespace: route.namespace,
    phases: (p.get('phase') || '').split(',').filter(Boolean),
    labels: p.get('label') || '',
    name: p.get('name') || '',
    limit: Number(p.get('limit')) || 50,
    continue: p.get('continue') || '',
  };
}

function urlFor(state, extra = {}) {
  const s = Object.assign({}, state, extra);
  return paths.list(s.namespace) + query({
    phase: s.phases.join(','), label: s.labels, name: s.name, limit: s.limit === 50 ? '' : s.limit, continue: s.continue,
  });
}

function matches(wf, state) {
  const phase = (wf.status && wf.status.phase) || 'Pending';
  if (state.phases.length && !state.phases.includes(phase)) return false;
  if (state.name && !wf.metadata.name.includes(state.name)) return false;
  return true;
}

export async function listPage(main, route) {
  const state = readState(route);
  const rows = new Map();
  const tbody = el('tbody', { id: 'wf-rows' });
  const info = el('p', { class: 'muted', id: 'list-info' });
  const live = el('span', { class: 'live', id: 'live-state' }, 'connecting');

  const ns = el('input', { class: 'input', id: 'filter-namespace', value: state.namespace, 'aria-label': 'namespace' });
  const name = el('input', { class: 'input', id: 'filter-name', value: state.name, placeholder: 'search by name', type: 'search' });
  const labels = el('input', { class: 'input', id: 'filter-labels', value: state.labels, placeholder: 'labels: app=x,env!=prod' });
  const phaseBoxes = PHASES.map(phase => el('label', { class: ['chip', phaseClass(phase)] },
    el('input', { type: 'checkbox', value: phase, checked: state.phases.includes(phase), class: 'phase-filter' }), ` ${icon(phase)} ${phase}`));
  const size = el('select', { class: 'input', id: 'page-size', 'aria-label': 'page size' },
    PAGE_SIZES.map(n => el('option', { value: n, selected: n === state.limit }, `${n} per page`)));
  const apply = () => navigate(urlFor(state, {
    namespace: ns.value.trim() || state.namespace,
    name: name.value.trim(),
    labels: labels.value.trim(),
    phases: phaseBoxes.map(l => l.firstChild).filter(b => b.checked).map(b => b.value),
    limit: Number(size.value),
    continue: '',
  }));
  const form = el('form', { class: 'filters', id: 'filters', onsubmit: e => { e.preventDefault(); apply(); } },
    ns, name, labels, el('span', { class: 'chips' }, phaseBoxes), size,
    el('button', { class: 'button', type: 'submit' }, 'Filter'));
  for (const box of phaseBoxes) box.firstChild.addEventListener('change', apply);
  size.addEventListener('change', apply);

  const pager = el('div', { class: 'pager' });
  replace(main,
    el('div', { class: 'page-head' }, el('h1', null, 'Workflows'), el('span', { class: 'muted' }, state.namespace), live,
      el('a', { class: 'button primary', href: paths.submit({ namespace: state.namespace }) }, '+ Submit')),
    form,
    el('table', { class: 'table', id: 'wf-table' },
      el('thead', null, el('tr', null, ['Phase', 'Name', 'Started', 'Duration', 'Progress', 'Message'].map(h => el('th', null, h)))),
      tbody),
    info, pager);

  const put = (wf, prepend) => {
    const fresh = workflowRow(wf);
    const old = rows.get(wf.metadata.name);
    if (old) old.replaceWith(fresh);
    else if (prepend) tbody.prepend(fresh);
    else tbody.append(fresh);
    rows.set(wf.metadata.name, fresh);
  };

  try {
    const list = await api.listWorkflows(state.namespace, {
      limit: state.limit, continue: state.continue, labelSelector: selectorFor(state.phases, state.labels), name: state.name,
    });
    for (const wf of list.items || []) put(wf, false);
    info.textContent = rows.size ? '' : 'No workflows.';
    const next = list.metadata && list.metadata.continue;
    replace(pager,
      state.continue ? el('a', { class: 'button', href: urlFor(state, { continue: '' }), id: 'page-first' }, '\u00ab First') : null,
      next ? el('a', { class: 'button', href: urlFor(state, { continue: next }), id: 'page-next' }, 'Next \u203a') : null);
  } catch (error) {
    info.textContent = `Could not list workflows: ${error.message}`;
    info.classList.add('error');
  }

  const stop = watch(`/api/v1/workflow-events/${seg(state.namespace)}${query({ 'listOptions.labelSelector': selectorFor(state.phases, state.labels) })}`,
    ({ type, object }) => {
      if (!object || !object.metadata) return;
      const known = rows.has(object.metadata.name);
      if (type === 'DELETED' || (known && !matches(object, state))) {
        const old = rows.get(object.metadata.name);
        if (old) old.remove();
        rows.delete(object.metadata.name);
      } else if (known) {
        put(object, false);
      } else if (!state.continue && matches(object, state)) {
        put(object, true);
      }
      info.textContent = rows.size ? '' : 'No workflows.';
    },
    s => { live.textContent = s === 'open' ? 'live' : 'reconnecting'; live.className = `live ${s}`; });
  return stop;
}
