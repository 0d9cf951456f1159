// The single page: reads the URL, shows the page it names, and tears the previous page down (streams, timers).
import { startRouter, parseRoute, navigate, paths } from './router.js';
import { askToken } from './token.js';
import { api } from './api.js';
import { el, replace } from './dom.js';
import { listPage } from './pages/list.js';
import { workflowPage } from './pages/workflow.js';
import { submitPage } from './pages/submit.js';
import { templatesPage, templatePage } from './pages/templates.js';
import { cronsPage, cronPage } from './pages/cron.js';

let defaultNamespace = null;
let dispose = null;
let renders = 0;

/** The namespace pages use when the URL names none: the server's managed namespace, else "argo". */
export async function namespaceDefault() {
  if (defaultNamespace) return defaultNamespace;
  try {
    const info = await api.info();
    defaultNamespace = (info && info.managedNamespace) || 'argo';
  } catch {
    defaultNamespace = 'argo';
  }
  return defaultNamespace;
}

const pages = {
  list: listPage,
  workflow: workflowPage,
  submit: submitPage,
  templates: templatesPage,
  template: templatePage,
  crons: cronsPage,
  cron: cronPage,
};

async function render() {
  const ticket = ++renders;
  if (dispose) { try { dispose(); } catch { /* the old page is gone either way */ } }
  dispose = null;
  const route = parseRoute(location.pathname, location.search);
  const main = document.getElementById('main');
  for (const link of document.querySelectorAll('.nav a')) {
    link.classList.toggle('active', location.pathname.startsWith(`/${link.dataset.section}`));
  }
  if (route.page === 'home' || (route.page === 'list' && !route.namespace)) {
    navigate(paths.list(await namespaceDefault()), true);
    return;
  }
  if (route.page === 'templates' && route.kind === 'WorkflowTemplate' && !route.namespace) {
    navigate(paths.templates(route.kind, await namespaceDefault()), true);
    return;
  }
  if (route.page === 'crons' && !route.namespace) {
    navigate(paths.crons(await namespaceDefault()), true);
    return;
  }
  const page = pages[route.page];
  if (!page) {
    replace(main, el('h1', null, 'Not found'), el('p', null, 'No page at this address.'));
    return;
  }
  const namespace = await namespaceDefault();
  if (ticket !== renders) return;
  replace(main);
  const teardown = await page(main, route, { namespace });
  // A newer navigation started while this page loaded: it owns the page now.
  if (ticket !== renders) { if (teardown) teardown(); return; }
  dispose = teardown;
}

document.getElementById('token-button').addEventListener('click', async () => {
  if (await askToken()) render();
});
startRouter(render);
