// Submit (/submit): YAML pasted or uploaded, or a WorkflowTemplate picked; parameters; lint as you type; submit.
import { el, replace } from '../dom.js';
import { api } from '../api.js';
import { navigate, paths } from '../router.js';
import { YamlEditor } from '../editor.js';
import { ParamsForm } from './params-form.js';
import { toast } from '../toast.js';

const SAMPLE = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-
spec:
  entrypoint: main
  arguments:
    parameters:
    - name: who
      value: world
  templates:
  - name: main
    inputs:
      parameters:
      - name: who
    container:
      image: alpine:latest
      command: [echo]
      args: ["hello {{inputs.parameters.who}}"]
`;

/** Diagnostics of an API error: its details, or one line with its message. */
function diagnosticsOf(error) {
  if (error.details && error.details.length) return error.details;
  return [{ severity: 'error', message: error.message }];
}

export async function submitPage(main, route, context) {
  const params = route.params;
  let namespace = params.get('namespace') || context.namespace;
  const form = new ParamsForm();
  const state = el('span', { class: 'muted', id: 'lint-state' });
  let linted = null;
  let lintAbort = null;
  let lintTimer = 0;

  const lint = async text => {
    if (lintAbort) lintAbort.abort();
    lintAbort = new AbortController();
    if (!text.trim()) { editor.setDiagnostics([]); state.textContent = ''; return; }
    state.textContent = 'checking\u2026';
    try {
      linted = await api.lintYaml(namespace, text, { signal: lintAbort.signal });
      editor.setDiagnostics([]);
      state.textContent = 'valid';
      state.className = 'ok';
      form.set(linted && linted.spec && linted.spec.arguments && linted.spec.arguments.parameters);
    } catch (error) {
      if (error.name === 'AbortError') return;
      linted = null;
      editor.setDiagnostics(diagnosticsOf(error));
      state.textContent = 'invalid';
      state.className = 'error';
    }
  };
  const editor = new YamlEditor(text => {
    clearTimeout(lintTimer);
    lintTimer = setTimeout(() => lint(text), 400);
  });

  const nsInput = el('input', { class: 'input', id: 'submit-namespace', value: namespace, 'aria-label': 'namespace' });
  nsInput.addEventListener('change', () => { namespace = nsInput.value.trim() || namespace; lint(editor.value); loadTemplates(); });
  const file = el('input', { type: 'file', accept: '.yaml,.yml,.json', id: 'yaml-file' });
  file.addEventListener('change', async () => {
    if (!file.files.length) return;
    editor.value = await file.files[0].text();
    lint(editor.value);
  });
  const picker = el('select', { class: 'input', id: 'template-picker', 'aria-label': 'from a template' }, el('option', { value: '' }, 'YAML (paste or upload)'));
  const yamlBox = el('div', { class: 'yaml-box' }, el('div', { class: 'row' }, el('label', null, 'Upload ', file), state), editor.element);
  const submitButton = el('button', { class: 'button primary', type: 'button', id: 'submit-button' }, 'Submit');
  const error = el('div', { class: 'error', id: 'submit-error' });

  async function loadTemplates() {
    const options = [el('option', { value: '' }, 'YAML (paste or upload)')];
    const add = (kind, list) => {
      for (const t of (list && list.items) || []) options.push(el('option', { value: `${kind}/${t.metadata.name}` }, `${kind === 'ClusterWorkflowTemplate' ? 'cluster template' : 'template'}: ${t.metadata.name}`));
    };
    try { add('WorkflowTemplate', await api.listTemplates(namespace)); } catch { /* none or unreachable */ }
    try { add('ClusterWorkflowTemplate', await api.listClusterTemplates()); } catch { /* none or unreachable */ }
    const chosen = picker.value || (params.get('kind') && params.get('name') ? `${params.get('kind')}/${params.get('name')}` : '');
    replace(picker, options);
    picker.value = chosen;
    if (picker.value !== chosen) picker.value = '';
    await choose();
  }

  async function choose() {
    const [kind, name] = picker.value.split('/');
    yamlBox.hidden = Boolean(kind);
    if (!kind) { form.set(linted && linted.spec && linted.spec.arguments && linted.spec.arguments.parameters); return; }
    try {
      const template = kind === 'ClusterWorkflowTemplate' ? await api.getClusterTemplate(name) : await api.getTemplate(namespace, name);
      form.set(template.spec && template.spec.arguments && template.spec.arguments.parameters);
    } catch (e) {
      error.textContent = `Could not read ${name}: ${e.message}`;
    }
  }
  picker.addEventListener('change', choose);

  submitButton.addEventListener('click', async () => {
    error.textContent = '';
    submitButton.disabled = true;
    try {
      const [kind, name] = picker.value.split('/');
      let created;
      if (kind) {
        created = await api.submitFrom(namespace, kind, name, form.values().map(p => `${p.name}=${p.value}`));
      } else if (linted && form.changed()) {
        const workflow = structuredClone(linted);
        const values = new Map(form.values().map(p => [p.name, p.value]));
        for (const p of workflow.spec.arguments.parameters) if (values.has(p.name)) p.value = values.get(p.name);
        created = await api.createWorkflow(namespace, workflow);
      } else {
        created = await api.createYaml(namespace, editor.value);
      }
      toast(`Submitted ${created.metadata.name}`);
      navigate(paths.workflow(created.metadata.namespace || namespace, created.metadata.name));
    } catch (e) {
      error.textContent = `Not submitted: ${e.message}`;
      if (!picker.value) editor.setDiagnostics(diagnosticsOf(e));
    } finally {
      submitButton.disabled = false;
    }
  });

  replace(main,
    el('div', { class: 'page-head' }, el('h1', null, 'Submit a workflow')),
    el('div', { class: 'row' }, el('label', null, 'Namespace ', nsInput), el('label', null, 'From ', picker)),
    yamlBox, form.element, error, el('div', { class: 'row' }, submitButton));
  editor.value = params.get('kind') ? '' : SAMPLE;
  await loadTemplates();
  if (!picker.value) lint(editor.value);
  return () => { clearTimeout(lintTimer); if (lintAbort) lintAbort.abort(); };
}
