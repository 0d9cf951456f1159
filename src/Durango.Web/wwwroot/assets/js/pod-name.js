// A node's pod name as the API derives it when a node carries none (Argo's v2 pod names: wf-template-fnv32a(node)).

function fnv32a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function podName(workflowName, node) {
  if (node.podName) return node.podName;
  if (node.name === workflowName) return workflowName;
  let prefix = node.templateName ? `${workflowName}-${node.templateName}` : workflowName;
  if (prefix.length > 242) prefix = prefix.slice(0, 242);
  return `${prefix}-${fnv32a(node.name)}`;
}
