// Times and durations, as Argo UI shows them.

export function parseTime(value) {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** "1h 2m", "3m 4s", "5s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '';
  let s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${s}s`;
  return `${s}s`;
}

/** The duration from started to finished (or now while it runs). */
export function between(startedAt, finishedAt) {
  const start = parseTime(startedAt);
  if (start === null) return '';
  const end = parseTime(finishedAt) ?? Date.now();
  return duration((end - start) / 1000);
}

/** "2 minutes ago" style, short. */
export function ago(value) {
  const t = parseTime(value);
  if (t === null) return '';
  const seconds = (Date.now() - t) / 1000;
  if (seconds < 60) return 'just now';
  return `${duration(seconds)} ago`;
}

export function localTime(value) {
  const t = parseTime(value);
  return t === null ? '' : new Date(t).toLocaleString();
}
