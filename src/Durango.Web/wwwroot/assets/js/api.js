// The argo-server REST API (/api/v1): JSON over fetch, the Bearer token on every call.
import { getToken, askToken } from './token.js';

/** An error answer: HTTP status, gRPC code, message and Durango's diagnostics (details). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body ? body.code : undefined;
    this.details = body && Array.isArray(body.details) ? body.details : [];
  }
}

export function headers(extra) {
  const result = Object.assign({ Accept: 'application/json' }, extra || {});
  const token = getToken();
  if (token) result.Authorization = `Bearer ${token}`;
  return result;
}

/** Encodes a path segment. */
export const seg = value => encodeURIComponent(value);

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** fetch with the token; on 401 asks for a token once and tries again. */
export async function send(method, path, options = {}) {
  const init = { method, headers: headers(options.headers), signal: options.signal };
  if (options.body !== undefined) init.body = options.body;
  let response = await fetch(path, init);
  if (response.status === 401 && !options.noRetry && await askToken('The server answered 401: enter its token.')) {
    init.headers = headers(options.headers);
    response = await fetch(path, init);
  }
  return response;
}

async function json(method, path, options) {
  const response = await send(method, path, options);
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { message: text }; }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const jsonBody = value => ({ body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } });
const yamlBody = text => ({ body: text, headers: { 'Content-Type': 'application/yaml' } });

export const api = {
  info: () => json('GET', '/api/v1/info'),
  listWorkflows: (ns, options = {}) => json('GET', `/api/v1/workflows/${seg(ns)}${query({
    'listOptions.limit': options.limit,
    'listOptions.continue': options.continue,
    'listOptions.labelSelector': options.labelSelector,
    'listOptions.fieldSelector': options.name ? `metadata.name=${options.name}` : undefined,
    nameFilter: options.name ? 'Contains' : undefined,
  })}`, options),
  getWorkflow: (ns, name, options) => json('GET', `/api/v1/workflows/${seg(ns)}/${seg(name)}`, options),
  action: (ns, name, verb, fields = {}) => json('PUT', `/api/v1/workflows/${seg(ns)}/${seg(name)}/${verb}`, jsonBody(Object.assign({ name, namespace: ns }, fields))),
  deleteWorkflow: (ns, name) => json('DELETE', `/api/v1/workflows/${seg(ns)}/${seg(name)}`),
  lintYaml: (ns, text, options = {}) => json('POST', `/api/v1/workflows/${seg(ns)}/lint`, Object.assign(yamlBody(text), options)),
  createYaml: (ns, text) => json('POST', `/api/v1/workflows/${seg(ns)}`, yamlBody(text)),
  createWorkflow: (ns, workflow) => json('POST', `/api/v1/workflows/${seg(ns)}`, jsonBody({ namespace: ns, workflow })),
  submitFrom: (ns, kind, name, parameters) => json('POST', `/api/v1/workflows/${seg(ns)}/submit`, jsonBody({
    namespace: ns, resourceKind: kind, resourceName: name, submitOptions: { parameters },
  })),
  listTemplates: ns => json('GET', `/api/v1/workflow-templates/${seg(ns)}`),
  getTemplate: (ns, name) => json('GET', `/api/v1/workflow-templates/${seg(ns)}/${seg(name)}`),
  listClusterTemplates: () => json('GET', '/api/v1/cluster-workflow-templates'),
  getClusterTemplate: name => json('GET', `/api/v1/cluster-workflow-templates/${seg(name)}`),
  listCrons: ns => json('GET', `/api/v1/cron-workflows/${seg(ns)}`),
  getCron: (ns, name) => json('GET', `/api/v1/cron-workflows/${seg(ns)}/${seg(name)}`),
  cronAction: (ns, name, verb) => json('PUT', `/api/v1/cron-workflows/${seg(ns)}/${seg(name)}/${verb}`, jsonBody({ namespace: ns, name })),
};

/** Streams newline-delimited text from path (asking for the accept media type), calling onLine for each line, until the stream ends or signal aborts. */
export async function streamLines(path, onLine, signal, accept) {
  const response = await send('GET', path, { signal, headers: accept ? { Accept: accept } : undefined });
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, body);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let index;
    while ((index = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, index).replace(/\r$/, '');
      buffer = buffer.slice(index + 1);
      onLine(line);
    }
  }
  buffer += decoder.decode();
  if (buffer) onLine(buffer);
}
