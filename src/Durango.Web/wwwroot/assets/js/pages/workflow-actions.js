// The workflow's buttons: stop, terminate, suspend, resume, retry, resubmit, delete, each after a confirmation.
import { el } from '../dom.js';
import { api } from '../api.js';
import { confirmAction, toast } from '../toast.js';
import { navigate, paths } from '../router.js';
import { isDone } from '../phase.js';

const ACTIONS = [
  { verb: 'stop', label: 'Stop', ask: 'Stop this workflow? Running steps fail and the exit handler runs.', when: wf => !isDone(phase(wf)) },
  { verb: 'terminate', label: 'Terminate', ask: 'Terminate this workflow? It ends now and the exit handler does not run.', when: wf => !isDone(phase(wf)) },
  { verb: 'suspend', label: 'Suspend', ask: 'Suspend this workflow? Nothing new starts until it is resumed.', when: wf => !isDone(phase(wf)) && !suspended(wf) },
  { verb: 'resume', label: 'Resume', ask: 'Resume this workflow?', when: wf => !isDone(phase(wf)) },
  { verb: 'retry', label: 'Retry', ask: 'Retry this workflow? Failed steps run again.', when: wf => ['Failed', 'Error'].includes(phase(wf)) },
  { verb: 'resubmit', label: 'Resubmit', ask: 'Resubmit this workflow as a new one?', when: () => true },
  { verb: 'delete', label: 'Delete', ask: 'Delete this workflow, its history and its logs?', when: () => true, danger: true },
];

const phase = wf => (wf.status && wf.status.phase) || 'Pending';
const suspended = wf => Boolean((wf.status && wf.status.suspended) || (wf.spec && wf.spec.suspend));

/** The button bar; update(workflow) enables what applies. */
export function actionBar(namespace, name) {
  const buttons = ACTIONS.map(action => {
    const button = el('button', { class: ['button', action.danger ? 'danger' : ''], type: 'button', id: `action-${action.verb}` }, action.label);
    button.addEventListener('click', async () => {
      if (!await confirmAction(`${action.ask}\n\n${name}`, action.label)) return;
      button.disabled = true;
      try {
        if (action.verb === 'delete') {
          await api.deleteWorkflow(namespace, name);
          toast(`Deleted ${name}`);
          navigate(paths.list(namespace));
          return;
        }
        const result = await api.action(namespace, name, action.verb);
        toast(`${action.label}: ${name}`);
        if (action.verb === 'resubmit' && result && result.metadata) navigate(paths.workflow(result.metadata.namespace || namespace, result.metadata.name));
      } catch (error) {
        toast(`${action.label} failed: ${error.message}`, 'error');
      } finally {
        button.disabled = false;
      }
    });
    return { action, button };
  });
  const bar = el('div', { class: 'actions-bar', id: 'actions' }, buttons.map(b => b.button));
  return {
    element: bar,
    update(workflow) {
      for (const { action, button } of buttons) button.disabled = !action.when(workflow);
    },
  };
}
