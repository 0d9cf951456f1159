// The node graph in SVG: laid out once per change of shape; a change of phase only updates the nodes it touches.
import { svg, el } from './dom.js';
import { buildGraph } from './graph-model.js';
import { layout } from './graph-layout.js';
import { icon, phaseClass } from './phase.js';
import { between } from './format.js';

const SMALL = new Set(['StepGroup', 'TaskGroup']);
const NODE = { w: 190, h: 42 };
const DOT = { w: 18, h: 18 };

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}\u2026` : text);

function subtitle(node) {
  if ((node.phase === 'Skipped' || node.phase === 'Omitted') && node.message) return node.message;
  const time = between(node.startedAt, node.finishedAt);
  return [node.type, time].filter(Boolean).join(' \u00b7 ');
}

function tooltip(node) {
  return [node.name, `${node.type} \u00b7 ${node.phase || 'Pending'}`, node.message].filter(Boolean).join('\n');
}

export class GraphView {
  /** A graph inside container; onSelect(id) is called when a node is clicked. */
  constructor(container, onSelect) {
    this.onSelect = onSelect;
    this.scale = 1;
    this.shape = '';
    this.elements = new Map();
    this.selected = null;
    this.svg = svg('svg', { class: 'graph', role: 'img', 'aria-label': 'workflow graph' });
    this.edgeLayer = svg('g', { class: 'edges' });
    this.nodeLayer = svg('g', { class: 'nodes' });
    this.svg.append(this.edgeLayer, this.nodeLayer);
    this.viewport = el('div', { class: 'graph-viewport', id: 'graph-viewport' }, this.svg);
    const zoom = factor => () => this.zoomTo(factor === 0 ? this.fitScale() : this.scale * factor);
    this.toolbar = el('div', { class: 'graph-toolbar' },
      el('button', { class: 'button small', type: 'button', title: 'zoom out', onclick: zoom(0.8) }, '\u2212'),
      el('button', { class: 'button small', type: 'button', title: 'zoom in', onclick: zoom(1.25) }, '+'),
      el('button', { class: 'button small', type: 'button', title: 'fit', onclick: zoom(0) }, 'fit'),
      el('button', { class: 'button small', type: 'button', title: 'actual size', onclick: () => this.zoomTo(1) }, '1:1'));
    container.append(this.toolbar, this.viewport);
    this.svg.addEventListener('click', event => {
      const g = event.target.closest && event.target.closest('g.node');
      if (g) this.onSelect(g.dataset.id);
    });
  }

  /** Shows workflow (its status.nodes); returns the time spent, in ms. */
  update(workflow) {
    const started = performance.now();
    const nodes = (workflow.status && workflow.status.nodes) || {};
    this.workflowName = workflow.metadata.name;
    const graph = buildGraph(this.workflowName, nodes);
    const shape = `${graph.ids.join(',')}|${graph.edges.map(e => `${e.from}>${e.to}`).join(',')}`;
    if (shape !== this.shape) {
      this.shape = shape;
      this.render(graph, nodes);
    } else {
      for (const id of graph.ids) this.refresh(id, nodes[id]);
    }
    return performance.now() - started;
  }

  render(graph, nodes) {
    const placed = layout(graph.ids, graph.edges, id => (SMALL.has(nodes[id].type) ? DOT : NODE));
    this.width = placed.width;
    this.height = placed.height;
    const edgeFragment = document.createDocumentFragment();
    for (const e of placed.edges) {
      const mid = (e.y1 + e.y2) / 2;
      edgeFragment.append(svg('path', {
        class: ['edge', `edge-${e.kind}`],
        d: `M${e.x1},${e.y1} C${e.x1},${mid} ${e.x2},${mid} ${e.x2},${e.y2 - 4}`,
        'marker-end': 'url(#arrow)',
      }));
    }
    const defs = svg('defs', null, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 5, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' })));
    this.edgeLayer.replaceChildren(defs, edgeFragment);
    this.elements.clear();
    const nodeFragment = document.createDocumentFragment();
    for (const id of graph.ids) {
      const box = placed.nodes.get(id);
      const g = this.draw(id, nodes[id], box);
      nodeFragment.append(g);
    }
    this.nodeLayer.replaceChildren(nodeFragment);
    this.svg.setAttribute('viewBox', `0 0 ${this.width} ${this.height}`);
    this.zoomTo(this.scale);
    if (this.selected) this.select(this.selected);
  }

  draw(id, node, box) {
    const small = SMALL.has(node.type);
    const g = svg('g', { class: 'node', transform: `translate(${box.x},${box.y})`, dataset: { id }, tabindex: 0 });
    const parts = { g, title: svg('title') };
    if (small) {
      parts.shape = svg('circle', { class: 'dot', cx: box.w / 2, cy: box.h / 2, r: box.w / 2 - 1 });
      g.append(parts.title, parts.shape);
    } else {
      parts.shape = svg('rect', { class: 'box', width: box.w, height: box.h, rx: 6 });
      parts.badge = svg('circle', { class: 'badge', cx: 20, cy: box.h / 2, r: 12 });
      parts.icon = svg('text', { class: 'icon', x: 20, y: box.h / 2 + 5 });
      parts.label = svg('text', { class: 'label', x: 40, y: 18 });
      parts.sub = svg('text', { class: 'sub', x: 40, y: 33 });
      g.append(parts.title, parts.shape, parts.badge, parts.icon, parts.label, parts.sub);
    }
    this.elements.set(id, parts);
    this.refresh(id, node, true);
    return g;
  }

  refresh(id, node, force = false) {
    const parts = this.elements.get(id);
    if (!parts || !node) return;
    const stamp = `${node.phase}|${node.message}|${node.startedAt}|${node.finishedAt}|${node.displayName}`;
    if (!force && parts.stamp === stamp && node.phase !== 'Running') return;
    parts.stamp = stamp;
    parts.g.setAttribute('class', ['node', phaseClass(node.phase), `type-${node.type}`, id === this.selected ? 'selected' : ''].filter(Boolean).join(' '));
    parts.g.dataset.phase = node.phase || 'Pending';
    parts.g.dataset.name = node.displayName || node.name;
    parts.g.dataset.template = node.templateName || '';
    parts.g.dataset.type = node.type || '';
    parts.title.textContent = tooltip(node);
    if (parts.label) {
      parts.icon.textContent = icon(node.phase);
      parts.label.textContent = clip(this.label(node), 22);
      parts.sub.textContent = clip(subtitle(node), 26);
    }
  }

  /** The name to show: the display name, without the workflow's name in front (wf.onExit shows as onExit). */
  label(node) {
    const text = node.displayName || node.name;
    const prefix = `${this.workflowName}.`;
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  }

  select(id) {
    const old = this.selected && this.elements.get(this.selected);
    if (old) old.g.classList.remove('selected');
    this.selected = id;
    const parts = id && this.elements.get(id);
    if (parts) parts.g.classList.add('selected');
  }

  fitScale() {
    const width = this.viewport.clientWidth || 800;
    return Math.min(1, Math.max(0.02, (width - 10) / (this.width || 1)));
  }

  zoomTo(scale) {
    this.scale = Math.min(4, Math.max(0.02, scale));
    this.svg.setAttribute('width', Math.ceil((this.width || 0) * this.scale));
    this.svg.setAttribute('height', Math.ceil((this.height || 0) * this.scale));
  }
}
