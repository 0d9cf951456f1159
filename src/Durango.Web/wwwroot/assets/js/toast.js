// Short messages at the bottom of the page, and a confirmation dialog.
import { el } from './dom.js';

export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  const item = el('div', { class: ['toast-item', kind] }, message);
  box.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** Asks "question"; resolves true when the user confirms. */
export function confirmAction(question, confirmLabel = 'OK') {
  return new Promise(resolve => {
    const dialog = el('dialog', { class: 'dialog', id: 'confirm-dialog' },
      el('form', { method: 'dialog' },
        el('p', { class: 'question' }, question),
        el('div', { class: 'actions' },
          el('button', { class: 'button', value: 'cancel', type: 'submit', id: 'confirm-cancel' }, 'Cancel'),
          el('button', { class: 'button primary', value: 'ok', type: 'submit', id: 'confirm-ok' }, confirmLabel))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
