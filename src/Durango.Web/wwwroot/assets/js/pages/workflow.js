// A workflow (/workflows/{namespace}/{name}): summary, buttons, the node graph with a node panel, and tabs, live.
import { el, replace } from '../dom.js';
import { api, query, seg } from '../api.js';
import { watch } from '../sse.js';
import { paths } from '../router.js';
import { icon, phaseClass } from '../phase.js';
import { between, localTime } from '../format.js';
import { GraphView } from '../graph-view.js';
import { NodePanel } from './node-panel.js';
import { actionBar } from './workflow-actions.js';
import { yamlTab, parametersTab, EventsTab } from './workflow-tabs.js';
import { synchronizationPanel } from './synchronization.js';

const TABS = ['graph', 'yaml', 'parameters', 'events'];
const LABELS = { graph: 'Graph', yaml: 'YAML', parameters: 'Parameters', events: 'Events' };

function summary(workflow) {
  const s = workflow.status || {};
  const item = (label, value, id) => el('div', { class: 'summary-item' }, el('span', { class: 'muted' }, label), el('span', { id }, value || '\u2014'));
  return el('div', { class: 'summary', id: 'summary' },
    item('Started', localTime(s.startedAt), 'wf-started'),
    item('Finished', localTime(s.finishedAt), 'wf-finished'),
    item('Duration', between(s.startedAt, s.finishedAt), 'wf-duration'),
    item('Progress', s.progress, 'wf-progress'),
    item('Message', s.message, 'wf-message'));
}

export async function workflowPage(main, route) {
  const { namespace, name } = route;
  const title = el('h1', { id: 'wf-title', class: 'wf-title' }, name);
  const phaseBadge = el('span', { class: 'phase-badge', id: 'wf-phase' });
  const summaryBox = el('div');
  const actions = actionBar(namespace, name);
  const tabButtons = TABS.map(tab => el('button', { class: 'tab', type: 'button', id: `tab-${tab}`, dataset: { tab } }, LABELS[tab]));
  const panes = Object.fromEntries(TABS.map(tab => [tab, el('div', { class: 'tab-pane', id: `pane-${tab}`, hidden: tab !== 'graph' })]));
  const graphBox = el('div', { class: 'graph-box' });
  const panelBox = el('aside', { class: 'node-panel', id: 'node-panel', hidden: true });
  replace(panes.graph, el('div', { class: 'graph-layout' }, graphBox, panelBox));
  const status = el('p', { class: 'muted', id: 'wf-status' }, 'Loading\u2026');
  replace(main,
    el('div', { class: 'page-head' }, phaseBadge, title, el('a', { class: 'muted', href: paths.list(namespace) }, namespace)),
    actions.element, summaryBox, status,
    el('div', { class: 'tabs', role: 'tablist' }, tabButtons),
    Object.values(panes));

  let current = null;
  let activeTab = TABS.includes(route.params.get('tab')) ? route.params.get('tab') : 'graph';
  const events = new EventsTab(panes.events);
  const panel = new NodePanel(panelBox, () => { panel.close(); graph.select(null); setQuery({ node: null }); });
  const graph = new GraphView(graphBox, id => {
    graph.select(id);
    panel.show(current, id);
    setQuery({ node: id });
  });

  function setQuery(changes) {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) if (v) params.set(k, v); else params.delete(k);
    const text = params.toString();
    history.replaceState(null, '', location.pathname + (text ? `?${text}` : ''));
  }

  const showTab = tab => {
    activeTab = tab;
    for (const b of tabButtons) b.classList.toggle('active', b.dataset.tab === tab);
    for (const [key, pane] of Object.entries(panes)) pane.hidden = key !== tab;
    if (current && tab === 'yaml') yamlTab(panes.yaml, current);
    if (current && tab === 'parameters') parametersTab(panes.parameters, current);
    setQuery({ tab: tab === 'graph' ? null : tab });
  };
  for (const b of tabButtons) b.addEventListener('click', () => showTab(b.dataset.tab));

  let pending = null;
  let timer = 0;
  const show = workflow => {
    current = workflow;
    const phase = (workflow.status && workflow.status.phase) || 'Pending';
    replace(phaseBadge, el('span', { class: ['phase-icon', phaseClass(phase)] }, icon(phase)), ` ${phase}`);
    phaseBadge.className = `phase-badge ${phaseClass(phase)}`;
    phaseBadge.dataset.phase = phase;
    replace(summaryBox, summary(workflow), synchronizationPanel(workflow.status));
    actions.update(workflow);
    const ms = graph.update(workflow);
    // For measurements (the browser tests read it): how long the last graph update took, layout and DOM included.
    performance.mark('durango-graph', { detail: { ms, nodes: Object.keys((workflow.status && workflow.status.nodes) || {}).length } });
    if (panel.nodeId) panel.show(workflow, panel.nodeId);
    if (activeTab === 'yaml') yamlTab(panes.yaml, workflow);
    if (activeTab === 'parameters') parametersTab(panes.parameters, workflow);
    status.textContent = '';
  };
  // Updates come as fast as the engine makes them; draw at most every 250 ms, and leave the page at least as much
  // idle time as the last draw took (a 2,000-node relayout costs a few hundred ms), so it stays responsive.
  let lastDraw = 0;
  const schedule = workflow => {
    pending = workflow;
    if (timer) return;
    timer = setTimeout(() => {
      timer = 0;
      const w = pending;
      pending = null;
      const started = performance.now();
      if (w) show(w);
      lastDraw = performance.now() - started;
    }, Math.max(250, 2 * lastDraw));
  };

  try {
    show(await api.getWorkflow(namespace, name));
    const selected = route.params.get('node');
    if (selected && current.status && current.status.nodes && current.status.nodes[selected]) { graph.select(selected); panel.show(current, selected); }
  } catch (error) {
    status.textContent = error.status === 404 ? `Workflow ${name} not found in ${namespace}.` : `Could not load the workflow: ${error.message}`;
    status.classList.add('error');
  }
  showTab(activeTab);

  // Watch even a finished workflow: retry and resume bring it back to life.
  const stop = watch(`/api/v1/workflow-events/${seg(namespace)}${query({ 'listOptions.fieldSelector': `metadata.name=${name}` })}`, ({ type, object }) => {
      if (!object || !object.metadata || object.metadata.name !== name) return;
      events.add(type, object);
      if (type === 'DELETED') { status.textContent = 'This workflow was deleted.'; return; }
      schedule(object);
    });
  return () => { stop(); clearTimeout(timer); panel.close(); };
}
