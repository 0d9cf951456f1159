// Templates: WorkflowTemplates (/workflow-templates/{namespace}) and ClusterWorkflowTemplates
// (/cluster-workflow-templates): list, view, and submit with parameters (through the Submit page).
import { el, replace } from '../dom.js';
import { api } from '../api.js';
import { paths } from '../router.js';
import { ago, localTime } from '../format.js';
import { toYaml } from '../yaml-dump.js';

const cluster = kind => kind === 'ClusterWorkflowTemplate';

export async function templatesPage(main, route) {
  const { kind, namespace } = route;
  const tbody = el('tbody', { id: 'template-rows' });
  const info = el('p', { class: 'muted' });
  replace(main,
    el('div', { class: 'page-head' }, el('h1', null, cluster(kind) ? 'Cluster workflow templates' : 'Workflow templates'),
      cluster(kind) ? null : el('span', { class: 'muted' }, namespace)),
    el('table', { class: 'table', id: 'template-table' },
      el('thead', null, el('tr', null, ['Name', 'Entrypoint', 'Parameters', 'Created', ''].map(h => el('th', null, h)))), tbody),
    info);
  try {
    const list = cluster(kind) ? await api.listClusterTemplates() : await api.listTemplates(namespace);
    const items = (list && list.items) || [];
    info.textContent = items.length ? '' : 'No templates.';
    for (const t of items) {
      const spec = t.spec || {};
      const parameters = (spec.arguments && spec.arguments.parameters) || [];
      tbody.append(el('tr', null,
        el('td', null, el('a', { href: paths.template(kind, t.metadata.namespace || namespace, t.metadata.name) }, t.metadata.name)),
        el('td', null, spec.entrypoint || ''),
        el('td', null, parameters.map(p => p.name).join(', ')),
        el('td', { title: localTime(t.metadata.creationTimestamp) }, ago(t.metadata.creationTimestamp)),
        el('td', null, el('a', { class: 'button small', href: paths.submit({ namespace: t.metadata.namespace || namespace || '', kind, name: t.metadata.name }) }, 'Submit'))));
    }
  } catch (error) {
    info.textContent = `Could not list templates: ${error.message}`;
    info.classList.add('error');
  }
  return null;
}

export async function templatePage(main, route, context) {
  const { kind, namespace, name } = route;
  const body = el('div');
  replace(main,
    el('div', { class: 'page-head' }, el('h1', null, name), el('span', { class: 'muted' }, cluster(kind) ? 'cluster workflow template' : `workflow template in ${namespace}`),
      el('a', { class: 'button primary', id: 'template-submit', href: paths.submit({ namespace: namespace || context.namespace, kind, name }) }, 'Submit')),
    body);
  try {
    const template = cluster(kind) ? await api.getClusterTemplate(name) : await api.getTemplate(namespace, name);
    const parameters = (template.spec && template.spec.arguments && template.spec.arguments.parameters) || [];
    replace(body,
      el('h3', null, 'Parameters'),
      parameters.length
        ? el('table', { class: 'table compact' }, el('tbody', null, parameters.map(p => el('tr', null, el('td', null, p.name), el('td', null, p.value ?? p.default ?? '')))))
        : el('p', { class: 'muted' }, 'No parameters.'),
      el('h3', null, 'YAML'),
      el('pre', { class: 'pre yaml', id: 'template-yaml' }, toYaml(template)));
  } catch (error) {
    replace(body, el('p', { class: 'error' }, `Could not read the template: ${error.message}`));
  }
  return null;
}
