// Calls to query-service (this origin) and command-service, with the user's bearer token. Errors are RFC 9457 problem
// documents; they are thrown as ApiError with the problem attached.
import { accessToken, tokenRefused } from './auth.js';

let commandBase = '';

export function setCommandServiceUrl(url) {
  commandBase = (url || '').replace(/\/$/, '');
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

async function call(url, options = {}) {
  const token = accessToken();
  const headers = { Accept: 'application/json, application/problem+json', ...(options.headers || {}) };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(url, { ...options, headers });
  if (response.status === 401) {
    tokenRefused();
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = { detail: text };
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return { body, etag: response.headers.get('ETag'), status: response.status };
}

function withQuery(path, parameters) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters || {})) {
    if (value !== null && value !== undefined && value !== '' && value !== false) {
      query.set(name, value);
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** GET from query-service. */
export async function read(path, parameters) {
  return (await call(withQuery(path, parameters))).body;
}

/** GET from command-service (pipelines' definitions as commands see them, the audit history). */
export async function readCommandSide(path, parameters) {
  return (await call(commandBase + withQuery(path, parameters))).body;
}

/**
 * A command to command-service. Each gets its own Idempotency-Key, so that a retry of the same click is recorded once.
 * version: the deal's version the user saw, sent as If-Match (a change based on an older card is refused with 412).
 */
export async function command(method, path, body, { version, idempotencyKey } = {}) {
  const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey || crypto.randomUUID() };
  if (version !== undefined && version !== null) {
    headers['If-Match'] = `"${version}"`;
  }
  const result = await call(commandBase + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return result.body || {};
}
