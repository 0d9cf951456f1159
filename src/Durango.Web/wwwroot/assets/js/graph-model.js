// A workflow's status.nodes as a graph to draw top-down, as Argo UI draws it: a node points to what it contains
// (a steps node to its first step group, a group to its steps, a retry to its attempts, a loop to its iterations,
// a node to its hooks) and the last nodes inside a node point to what follows it (the next step group, the DAG
// tasks that depend on it, the exit handler after the workflow). Argo's children already say both: a later step
// group and a dependent task are children of the nodes before them ended with (their outbound nodes).

const CONTAINERS = new Set(['StepGroup', 'Retry', 'TaskGroup']);

const isHook = node => Boolean(node.nodeFlag && node.nodeFlag.hooked) || node.name.includes('.hooks.') || node.name.endsWith('.onExit');

/**
 * Builds {ids, edges, rootId} from workflowName and status.nodes. Each edge is {from, to, kind} with kind 'child'
 * (containment), 'next' (sequence or dependency), 'hook' or 'exit'.
 */
export function buildGraph(workflowName, nodes) {
  nodes = nodes || {};
  const ids = Object.keys(nodes);
  const inner = new Map();
  const next = new Map();
  const hasParent = new Set();
  const byBoundary = new Map();
  for (const id of ids) {
    const node = nodes[id];
    const contained = [];
    const following = [];
    for (const child of node.children || []) {
      const c = nodes[child];
      if (!c || child === id) continue;
      hasParent.add(child);
      if (CONTAINERS.has(node.type) || isHook(c) || c.boundaryID === id) contained.push(child);
      else following.push(child);
    }
    inner.set(id, contained);
    next.set(id, following);
    if (node.boundaryID) {
      if (!byBoundary.has(node.boundaryID)) byBoundary.set(node.boundaryID, []);
      byBoundary.get(node.boundaryID).push(id);
    }
  }

  // A steps node's groups, in order: Argo links only the first to the steps node and hangs each later one under the
  // nodes the group before it ended with, so they are found by their boundary and ordered by their index.
  const groupIndex = id => {
    const match = /\[(\d+)\]$/.exec(nodes[id].name);
    return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
  };
  const groupsOf = id => (byBoundary.get(id) || []).filter(c => nodes[c].type === 'StepGroup').sort((a, b) => groupIndex(a) - groupIndex(b));

  const exitsMemo = new Map();
  const exits = id => {
    if (exitsMemo.has(id)) return exitsMemo.get(id);
    exitsMemo.set(id, [id]);
    const node = nodes[id];
    const contained = inner.get(id).filter(c => !isHook(nodes[c]));
    let result;
    if ((node.type === 'Steps' || node.type === 'DAG') && (node.outboundNodes || []).some(o => nodes[o])) {
      // Argo's outboundNodes: the nodes a steps or DAG node ended with (a retried one's last attempt, resolved further).
      result = node.outboundNodes.filter(o => nodes[o]).flatMap(exits);
    } else if (!contained.length) {
      result = [id];
    } else if (node.type === 'Steps') {
      const groups = groupsOf(id);
      result = groups.length ? exits(groups[groups.length - 1]) : [id];
    } else if (node.type === 'Retry') {
      result = exits(contained[contained.length - 1]);
    } else if (node.type === 'DAG') {
      const tasks = (byBoundary.get(id) || []).filter(t => !isHook(nodes[t]) && nodes[t].type !== 'StepGroup');
      const sinks = tasks.filter(t => !next.get(t).some(s => nodes[s].boundaryID === id));
      result = (sinks.length ? sinks : contained).flatMap(exits);
    } else {
      result = contained.flatMap(exits);
    }
    result = [...new Set(result)];
    exitsMemo.set(id, result);
    return result;
  };

  const edges = [];
  const seenEdges = new Set();
  const edge = (from, to, kind) => {
    const key = `${from}>${to}`;
    if (from === to || seenEdges.has(key)) return;
    seenEdges.add(key);
    edges.push({ from, to, kind });
  };

  for (const id of ids) {
    const node = nodes[id];
    const contained = inner.get(id);
    if (node.type === 'Steps') {
      const groups = groupsOf(id);
      if (groups.length) edge(id, groups[0], 'child');
      for (let i = 1; i < groups.length; i++) {
        for (const from of exits(groups[i - 1])) edge(from, groups[i], 'next');
      }
      for (const c of contained) if (!groups.includes(c)) edge(id, c, isHook(nodes[c]) ? 'hook' : 'child');
    } else {
      for (const c of contained) edge(id, c, isHook(nodes[c]) ? 'hook' : 'child');
    }
    for (const c of next.get(id)) for (const from of exits(id)) edge(from, c, 'next');
  }

  const rootId = nodes[workflowName] ? workflowName : ids.find(id => nodes[id].name === workflowName) || ids.find(id => !hasParent.has(id) && !isHook(nodes[id]));
  for (const id of ids) {
    if (hasParent.has(id) || id === rootId || !rootId) continue;
    if (nodes[id].name.endsWith('.onExit')) for (const from of exits(rootId)) edge(from, id, 'exit');
    else edge(rootId, id, 'hook');
  }

  // Order: the root first, then as the API lists them (children in creation order follow from the edges).
  const ordered = rootId ? [rootId, ...ids.filter(id => id !== rootId)] : ids;
  return { ids: ordered, edges, rootId };
}
