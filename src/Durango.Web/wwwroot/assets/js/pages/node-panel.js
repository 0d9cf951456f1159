// The panel of one node: what it ran, with what, what came out, and its log (followed while the node runs).
import { el, replace } from '../dom.js';
import { api, query, seg, send, streamLines } from '../api.js';
import { icon, phaseClass } from '../phase.js';
import { between, localTime } from '../format.js';
import { podName } from '../pod-name.js';

const LEAVES = new Set(['Pod']);
const fulfilled = phase => ['Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted'].includes(phase);

function field(label, value, id) {
  if (value === undefined || value === null || value === '') return null;
  return [el('dt', null, label), el('dd', { id }, String(value))];
}

function parameters(title, list) {
  if (!list || !list.length) return null;
  return el('section', null, el('h3', null, title),
    el('table', { class: 'table compact' }, el('tbody', null, list.map(p => el('tr', null,
      el('td', { class: 'param-name' }, p.name), el('td', { class: 'param-value' }, p.value ?? ''))))));
}

/**
 * For a suspend node that waits: a field for each output it waits to be supplied (its default filled in) and a Resume
 * button, as Argo UI's: every field's value (an empty one too) goes to argo-server's set, then the resume, both picking
 * this node by its id. A refusal shows under the button.
 */
function resumeForm(workflow, node) {
  if (node.type !== 'Suspend' || node.phase !== 'Running') return null;
  const awaited = ((node.outputs && node.outputs.parameters) || []).filter(p => p.valueFrom);
  const fields = awaited.map(p => ({
    name: p.name,
    input: el('input', { type: 'text', class: 'input', id: `supplied-${p.name}`, value: p.valueFrom.default ?? '' }),
  }));
  const status = el('p', { class: 'muted', id: 'node-resume-status' });
  const button = el('button', { class: 'button', type: 'button', id: 'node-resume' }, 'Resume');
  button.addEventListener('click', async () => {
    const ns = workflow.metadata.namespace;
    const selector = { nodeFieldSelector: `id=${node.id}` };
    const values = Object.fromEntries(fields.map(f => [f.name, f.input.value]));
    button.disabled = true;
    status.textContent = '';
    try {
      if (Object.keys(values).length) await api.action(ns, workflow.metadata.name, 'set', Object.assign({ outputParameters: JSON.stringify(values) }, selector));
      await api.action(ns, workflow.metadata.name, 'resume', selector);
      status.textContent = 'resumed';
    } catch (error) {
      status.textContent = `resume failed: ${error.message}`;
      button.disabled = false;
    }
  });
  return el('section', { id: 'node-resume-form' }, el('h3', null, 'Resume'),
    fields.length ? el('table', { class: 'table compact' }, el('tbody', null, fields.map(f => el('tr', null,
      el('td', { class: 'param-name' }, el('label', { for: f.input.id }, f.name)), el('td', null, f.input))))) : null,
    button, status);
}

/** Downloads an artifact through argo-server's route with the token (a plain link cannot send it), as its file name. */
async function download(href, fallback, status) {
  status.textContent = '';
  const response = await send('GET', href);
  if (!response.ok) { status.textContent = `download failed: HTTP ${response.status}`; return; }
  const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  const url = URL.createObjectURL(await response.blob());
  const link = el('a', { href: url, download: named ? named[1] : fallback });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** A node's input or output artifacts, each linked to argo-server's download route (/artifacts/..., /input-artifacts/...). */
function artifacts(title, list, route, workflow, node) {
  if (!list || !list.length) return null;
  const status = el('span', { class: 'muted' });
  return el('section', null, el('h3', null, `${title} `, status),
    el('table', { class: 'table compact' }, el('tbody', null, list.map(a => {
      const href = `/${route}/${seg(workflow.metadata.namespace)}/${seg(workflow.metadata.name)}/${seg(node.id)}/${seg(a.name)}`;
      return el('tr', null,
        el('td', { class: 'param-name' }, a.name),
        el('td', null, el('a', {
          href, class: 'artifact-link', 'data-artifact': a.name,
          onclick: event => { event.preventDefault(); download(href, a.name, status); },
        }, 'download')),
        el('td', { class: 'param-value' }, a.path || ''));
    }))));
}

export class NodePanel {
  constructor(container, onClose) {
    this.container = container;
    this.onClose = onClose;
    this.nodeId = null;
    this.stamp = '';
    this.logAbort = null;
  }

  /** Shows node nodeId of workflow, or refreshes it when it changed. */
  show(workflow, nodeId) {
    const node = workflow.status && workflow.status.nodes && workflow.status.nodes[nodeId];
    if (!node) { this.close(); return; }
    const stamp = JSON.stringify(node);
    if (nodeId === this.nodeId && stamp === this.stamp) return;
    const sameNode = nodeId === this.nodeId;
    this.nodeId = nodeId;
    this.stamp = stamp;
    this.container.hidden = false;
    const outputs = node.outputs || {};
    const isLeaf = LEAVES.has(node.type);
    const pod = isLeaf ? podName(workflow.metadata.name, node) : '';
    const details = el('div', { class: 'node-details', id: 'node-details' },
      el('div', { class: 'panel-head' },
        el('span', { class: ['phase-icon', phaseClass(node.phase)] }, icon(node.phase)),
        el('h2', { id: 'node-title' }, node.displayName || node.name),
        el('button', { class: 'button small', type: 'button', id: 'node-close', onclick: () => this.onClose() }, '\u2715')),
      el('dl', { class: 'fields' },
        field('Name', node.name, 'node-name'),
        field('Type', node.type, 'node-type'),
        field('Phase', node.phase, 'node-phase'),
        field('Template', node.templateName, 'node-template'),
        field('Message', node.message, 'node-message'),
        field('Pod name', pod, 'node-pod'),
        field('Exit code', outputs.exitCode, 'node-exit-code'),
        field('Started', localTime(node.startedAt)),
        field('Finished', localTime(node.finishedAt)),
        field('Duration', between(node.startedAt, node.finishedAt))),
      parameters('Inputs', node.inputs && node.inputs.parameters),
      parameters('Outputs', outputs.parameters),
      resumeForm(workflow, node),
      artifacts('Input artifacts', node.inputs && node.inputs.artifacts, 'input-artifacts', workflow, node),
      artifacts('Output artifacts', outputs.artifacts, 'artifacts', workflow, node),
      outputs.result !== undefined && outputs.result !== null ? el('section', null, el('h3', null, 'Result'), el('pre', { class: 'pre', id: 'node-result' }, outputs.result)) : null);
    if (!this.details) {
      this.details = el('div');
      this.logBox = el('section', { class: 'log-section' });
      replace(this.container, this.details, this.logBox);
    }
    replace(this.details, details);
    if (!sameNode || (this.following && fulfilled(node.phase))) this.startLog(workflow, node, isLeaf ? pod : '');
  }

  startLog(workflow, node, pod) {
    if (this.logAbort) this.logAbort.abort();
    this.logAbort = null;
    if (!pod) { replace(this.logBox); return; }
    const pre = el('pre', { class: 'pre log', id: 'node-log' });
    const state = el('span', { class: 'muted', id: 'log-state' });
    replace(this.logBox, el('h3', null, 'Log ', state), pre);
    const follow = !fulfilled(node.phase);
    this.following = follow;
    const controller = new AbortController();
    this.logAbort = controller;
    const ns = workflow.metadata.namespace;
    const url = `/api/v1/workflows/${seg(ns)}/${seg(workflow.metadata.name)}/log${query({
      podName: pod, 'logOptions.container': 'main', 'logOptions.follow': follow ? 'true' : undefined,
    })}`;
    state.textContent = follow ? '(following)' : '';
    let lines = 0;
    streamLines(url, line => {
      if (!line.trim()) return;
      let content = line;
      try {
        const parsed = JSON.parse(line);
        const result = parsed.result || parsed;
        if (result.content === undefined) return;
        content = result.content;
      } catch { /* a plain text line */ }
      pre.append(document.createTextNode(`${content}\n`));
      lines++;
      if (follow) pre.scrollTop = pre.scrollHeight;
    }, controller.signal).then(() => {
      if (controller.signal.aborted) return;
      state.textContent = lines ? '' : '(no log)';
      this.following = false;
    }).catch(error => {
      if (!controller.signal.aborted) state.textContent = `(log unavailable: ${error.message})`;
    });
  }

  close() {
    if (this.logAbort) this.logAbort.abort();
    this.logAbort = null;
    this.nodeId = null;
    this.stamp = '';
    this.details = null;
    this.container.hidden = true;
    replace(this.container);
  }
}
