// A workflow's status.synchronization, as Argo UI's synchronization panel shows it: for each mutex and semaphore,
// whether this workflow holds it or waits for it, and who holds it (for a wait: the holders it waits behind).
import { el } from '../dom.js';

function rows(synchronization) {
  const s = synchronization || {};
  const out = [];
  const mutex = s.mutex || {};
  const semaphore = s.semaphore || {};
  for (const m of mutex.holding || []) out.push({ kind: 'Mutex', lock: m.mutex, state: 'Holding', holders: [m.holder] });
  for (const m of mutex.waiting || []) out.push({ kind: 'Mutex', lock: m.mutex, state: 'Waiting', holders: [m.holder] });
  for (const x of semaphore.holding || []) out.push({ kind: 'Semaphore', lock: x.semaphore, state: 'Holding', holders: x.holders || [] });
  for (const x of semaphore.waiting || []) out.push({ kind: 'Semaphore', lock: x.semaphore, state: 'Waiting', holders: x.holders || [] });
  // A lock waited for that nobody holds any more shows once, without holders.
  const merged = new Map();
  for (const r of out) {
    const key = `${r.state}|${r.lock}`;
    const seen = merged.get(key);
    if (seen) seen.holders.push(...r.holders); else merged.set(key, { ...r, holders: [...r.holders] });
  }
  return [...merged.values()];
}

/** The synchronization section of a workflow (null when it neither holds nor waits for a lock). */
export function synchronizationPanel(status) {
  const list = rows(status && status.synchronization);
  if (list.length === 0) return null;
  const waiting = list.filter(r => r.state === 'Waiting');
  return el('section', { class: 'sync-panel', id: 'wf-synchronization' },
    el('h3', {}, 'Synchronization'),
    waiting.map(r => el('p', { class: 'sync-waiting', dataset: { lock: r.lock } }, `Waiting for ${r.lock} lock`,
      r.holders.length ? ` (held by ${r.holders.join(', ')})` : '')),
    el('table', { class: 'table compact' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Type'), el('th', {}, 'Lock'), el('th', {}, 'State'), el('th', {}, 'Holders'))),
      el('tbody', {}, list.map(r => el('tr', { class: 'sync-row', dataset: { lock: r.lock, state: r.state } },
        el('td', {}, r.kind), el('td', { class: 'name-cell' }, r.lock), el('td', {}, r.state),
        el('td', { class: 'sync-holders name-cell' }, r.holders.join(', ')))))));
}
