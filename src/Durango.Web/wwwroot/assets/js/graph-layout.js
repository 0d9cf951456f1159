// A layered (Sugiyama-style) layout, top-down: ranks by longest path, order within ranks by barycentre sweeps,
// x by balanced placement towards the neighbours' centres. Pure: ids, edges and sizes in, coordinates out.

const mean = values => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Lays out ids (in their preferred order) joined by edges [{from, to}], each node sizeOf(id) = {w, h}.
 * Returns {nodes: Map id -> {x, y, w, h, rank}, edges: [{from, to, kind, x1, y1, x2, y2}], width, height}.
 */
export function layout(ids, edges, sizeOf, options = {}) {
  const rankGap = options.rankGap ?? 48;
  const nodeGap = options.nodeGap ?? 20;
  const margin = options.margin ?? 20;
  const sweeps = options.sweeps ?? 4;
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const size = ids.map(sizeOf);
  const succ = ids.map(() => []);
  const pred = ids.map(() => []);
  const kept = [];
  for (const e of edges) {
    const f = index.get(e.from);
    const t = index.get(e.to);
    if (f === undefined || t === undefined || f === t) continue;
    succ[f].push(t);
    pred[t].push(f);
    kept.push([f, t, e]);
  }

  // Ranks: longest path from the sources (Kahn's order); nodes on a cycle keep the rank reached so far.
  const rank = new Array(n).fill(0);
  const indegree = pred.map(p => p.length);
  const queue = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue.push(i);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of succ[v]) {
      if (rank[w] < rank[v] + 1) rank[w] = rank[v] + 1;
      if (--indegree[w] === 0) queue.push(w);
    }
  }

  // Initial order: depth-first from the sources, children in edge order.
  const seen = new Uint8Array(n);
  const first = new Array(n).fill(0);
  let counter = 0;
  const starts = [...queue.filter(v => !pred[v].length), ...ids.keys()];
  for (const s of starts) {
    if (seen[s]) continue;
    const stack = [s];
    while (stack.length) {
      const v = stack.pop();
      if (seen[v]) continue;
      seen[v] = 1;
      first[v] = counter++;
      for (let k = succ[v].length - 1; k >= 0; k--) if (!seen[succ[v][k]]) stack.push(succ[v][k]);
    }
  }
  const maxRank = rank.reduce((m, r) => Math.max(m, r), 0);
  const layers = Array.from({ length: maxRank + 1 }, () => []);
  for (let i = 0; i < n; i++) layers[rank[i]].push(i);
  const pos = new Float64Array(n);
  for (const layer of layers) {
    layer.sort((a, b) => first[a] - first[b]);
    layer.forEach((v, i) => { pos[v] = i; });
  }

  // Crossing reduction: barycentres of the neighbours in the previous (down) or next (up) rank.
  const reorder = (layer, neighbours) => {
    const key = new Map(layer.map(v => {
      const near = neighbours[v];
      return [v, near.length ? mean(near.map(u => pos[u])) : pos[v]];
    }));
    layer.sort((a, b) => key.get(a) - key.get(b) || pos[a] - pos[b]);
    layer.forEach((v, i) => { pos[v] = i; });
  };
  for (let s = 0; s < sweeps; s++) {
    for (let r = 1; r <= maxRank; r++) reorder(layers[r], pred);
    for (let r = maxRank - 1; r >= 0; r--) reorder(layers[r], succ);
  }

  // x: packed first, then each rank pulled towards its neighbours' centres without overlap.
  const x = new Float64Array(n);
  for (const layer of layers) {
    let left = 0;
    for (const v of layer) { x[v] = left + size[v].w / 2; left += size[v].w + nodeGap; }
  }
  const sep = (a, b) => (size[a].w + size[b].w) / 2 + nodeGap;
  const place = (layer, neighbours) => {
    const m = layer.length;
    if (!m) return;
    const want = layer.map(v => (neighbours[v].length ? mean(neighbours[v].map(u => x[u])) : x[v]));
    const lo = new Float64Array(m);
    const hi = new Float64Array(m);
    for (let i = 0; i < m; i++) lo[i] = i ? Math.max(want[i], lo[i - 1] + sep(layer[i - 1], layer[i])) : want[i];
    for (let i = m - 1; i >= 0; i--) hi[i] = i < m - 1 ? Math.min(want[i], hi[i + 1] - sep(layer[i], layer[i + 1])) : want[i];
    for (let i = 0; i < m; i++) {
      x[layer[i]] = (lo[i] + hi[i]) / 2;
      if (i) x[layer[i]] = Math.max(x[layer[i]], x[layer[i - 1]] + sep(layer[i - 1], layer[i]));
    }
  };
  for (let s = 0; s < sweeps; s++) {
    for (let r = 1; r <= maxRank; r++) place(layers[r], pred);
    for (let r = maxRank - 1; r >= 0; r--) place(layers[r], succ);
  }

  // y: ranks stacked, each as tall as its tallest node.
  const top = [];
  const heights = layers.map(layer => layer.reduce((h, v) => Math.max(h, size[v].h), 0));
  let y = margin;
  for (let r = 0; r <= maxRank; r++) {
    top.push(y);
    y += heights[r] + rankGap;
  }
  let minX = Infinity;
  let maxX = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, x[i] - size[i].w / 2);
    maxX = Math.max(maxX, x[i] + size[i].w / 2);
  }
  const shift = n ? margin - minX : margin;
  const nodes = new Map();
  for (let i = 0; i < n; i++) {
    const h = size[i].h;
    nodes.set(ids[i], { x: x[i] + shift - size[i].w / 2, y: top[rank[i]] + (heights[rank[i]] - h) / 2, w: size[i].w, h, rank: rank[i] });
  }
  const routed = kept.map(([f, t, e]) => {
    const a = nodes.get(ids[f]);
    const b = nodes.get(ids[t]);
    return { from: e.from, to: e.to, kind: e.kind, x1: a.x + a.w / 2, y1: a.y + a.h, x2: b.x + b.w / 2, y2: b.y };
  });
  return { nodes, edges: routed, width: n ? maxX - minX + 2 * margin : 2 * margin, height: y - rankGap + margin };
}
