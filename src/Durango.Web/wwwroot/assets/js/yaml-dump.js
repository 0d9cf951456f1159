// JSON values as YAML text, for the YAML tabs (a workflow as the API returns it, shown the way it was written).

const PLAIN = /^[A-Za-z_/][\w./-]*( [\w./-]+)*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function scalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (text !== '' && PLAIN.test(text) && !RESERVED.test(text)) return text;
  return JSON.stringify(text);
}

function key(name) {
  return PLAIN.test(name) && !RESERVED.test(name) ? name : JSON.stringify(name);
}

function block(text, indent) {
  const pad = ' '.repeat(indent);
  return `|${text.endsWith('\n') ? '' : '-'}\n${text.replace(/\n$/, '').split('\n').map(line => pad + line).join('\n')}`;
}

function value(v, indent) {
  if (typeof v === 'string' && v.includes('\n')) return ` ${block(v, indent)}`;
  if (Array.isArray(v)) return v.length ? `\n${lines(v, indent)}` : ' []';
  if (v && typeof v === 'object') return Object.keys(v).length ? `\n${lines(v, indent)}` : ' {}';
  return ` ${scalar(v)}`;
}

function lines(v, indent) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    return v.map(item => {
      if (item && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length) {
        const inner = lines(item, indent + 2);
        return `${pad}- ${inner.slice(indent + 2)}`;
      }
      return `${pad}-${value(item, indent + 2)}`;
    }).join('\n');
  }
  return Object.entries(v).map(([k, item]) => `${pad}${key(k)}:${value(item, indent + 2)}`).join('\n');
}

/** YAML text for value. */
export function toYaml(v) {
  if (v && typeof v === 'object') return `${lines(v, 0)}\n`;
  return `${scalar(v)}\n`;
}
