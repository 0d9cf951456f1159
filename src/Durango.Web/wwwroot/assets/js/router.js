// Argo UI's URL shapes, read from location: the page to show and its arguments.

export function parseRoute(pathname, search) {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  const [section, a, b] = parts;
  switch (section) {
    case undefined: return { page: 'home' };
    case 'workflows':
      if (b !== undefined) return { page: 'workflow', namespace: a, name: b, params };
      return { page: 'list', namespace: a, params };
    case 'submit': return { page: 'submit', params };
    case 'workflow-templates':
      if (b !== undefined) return { page: 'template', kind: 'WorkflowTemplate', namespace: a, name: b, params };
      return { page: 'templates', kind: 'WorkflowTemplate', namespace: a, params };
    case 'cluster-workflow-templates':
      if (a !== undefined) return { page: 'template', kind: 'ClusterWorkflowTemplate', name: a, params };
      return { page: 'templates', kind: 'ClusterWorkflowTemplate', params };
    case 'cron-workflows':
      if (b !== undefined) return { page: 'cron', namespace: a, name: b, params };
      return { page: 'crons', namespace: a, params };
    default: return { page: 'notfound' };
  }
}

export const paths = {
  list: ns => `/workflows/${encodeURIComponent(ns)}`,
  workflow: (ns, name) => `/workflows/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`,
  templates: (kind, ns) => kind === 'ClusterWorkflowTemplate' ? '/cluster-workflow-templates' : `/workflow-templates/${encodeURIComponent(ns)}`,
  template: (kind, ns, name) => kind === 'ClusterWorkflowTemplate'
    ? `/cluster-workflow-templates/${encodeURIComponent(name)}`
    : `/workflow-templates/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`,
  crons: ns => `/cron-workflows/${encodeURIComponent(ns)}`,
  cron: (ns, name) => `/cron-workflows/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`,
  submit: params => `/submit${params ? `?${new URLSearchParams(params)}` : ''}`,
};

let onChange = () => {};

/** Goes to url inside the page (history API), replacing the entry when replace is true. */
export function navigate(url, replace = false) {
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  onChange();
}

/** Starts routing: calls render on load, on back/forward and on clicks of same-origin links. */
export function startRouter(render) {
  onChange = render;
  window.addEventListener('popstate', render);
  document.addEventListener('click', event => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target.closest && event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  render();
}
