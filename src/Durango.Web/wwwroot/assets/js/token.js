// The API token: entered once, kept in this browser's local storage, sent as `Authorization: Bearer`.
import { el } from './dom.js';

const KEY = 'durango.token';

export function getToken() {
  try { return localStorage.getItem(KEY) || ''; } catch { return ''; }
}

export function setToken(token) {
  try {
    if (token) localStorage.setItem(KEY, token); else localStorage.removeItem(KEY);
  } catch { /* storage disabled: the token lasts for this page only */ }
}

/** Opens the token dialog; resolves true when a token was saved. */
export function askToken(reason) {
  return new Promise(resolve => {
    const input = el('input', { type: 'password', id: 'token-input', class: 'input wide', autocomplete: 'off', value: getToken(), placeholder: 'token' });
    const dialog = el('dialog', { class: 'dialog', id: 'token-dialog' },
      el('form', { method: 'dialog' },
        el('h2', null, 'API token'),
        el('p', null, reason || 'The token this server expects (sent as Authorization: Bearer). Leave empty for none.'),
        input,
        el('div', { class: 'actions' },
          el('button', { class: 'button', value: 'cancel', type: 'submit' }, 'Cancel'),
          el('button', { class: 'button primary', value: 'save', id: 'token-save', type: 'submit' }, 'Save'))));
    dialog.addEventListener('close', () => {
      const saved = dialog.returnValue === 'save';
      if (saved) setToken(input.value.trim());
      dialog.remove();
      resolve(saved);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
