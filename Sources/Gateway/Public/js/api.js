// The page's only door to the server: the public /api/v1 contract, with the bearer token.

const TOKEN_KEY = 'resume-agent.token';
export const API = '/api/v1';

/** An error the user can read: the contract's `error.message`, or a plain sentence. */
export class ApiError extends Error {
  constructor(status, code, message, details, retryAfter) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

export const auth = {
  get token() {
    try { return localStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
  },
  set(token) {
    try { localStorage.setItem(TOKEN_KEY, token); } catch { /* private mode: keep it in memory */ }
    memoryToken = token;
  },
  clear() {
    try { localStorage.removeItem(TOKEN_KEY); } catch { /* ignore */ }
    memoryToken = '';
  },
  /** Set by the app: called once per 401 with the error. */
  onUnauthorized: null,
};
let memoryToken = '';
function currentToken() { return auth.token || memoryToken; }

export function authHeaders(extra = {}) {
  const t = currentToken();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : { ...extra };
}

const FALLBACK = {
  400: 'The request was not accepted.',
  401: 'Your access token was not accepted. Paste a valid token to continue.',
  404: 'That was not found. It may have been removed, or it belongs to another account.',
  409: 'That cannot be done right now.',
  413: 'That file is too large.',
  415: 'That type of file is not supported.',
  429: 'Too many requests. Please wait a moment and try again.',
  502: 'The server could not reach a service it depends on. Try again shortly.',
  503: 'The server is busy. Try again in a moment.',
};

function fallbackMessage(status) {
  return FALLBACK[status] || (status >= 500
    ? 'Something went wrong on the server. Try again in a moment.'
    : `The server answered with status ${status}.`);
}

/** Turns a non-2xx response into an ApiError (reads the contract's error body). */
export async function errorFrom(res) {
  let code = `http_${res.status}`;
  let message = fallbackMessage(res.status);
  let details;
  try {
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    if (body && body.error) {
      code = body.error.code || code;
      if (typeof body.error.message === 'string' && body.error.message.trim()) message = body.error.message;
      details = body.error.details;
    }
  } catch { /* not JSON: keep the plain sentence, never show raw bodies */ }
  const err = new ApiError(res.status, code, message, details, res.headers.get('Retry-After'));
  if (res.status === 401) auth.onUnauthorized?.(err);
  return err;
}

export function networkError() {
  return new ApiError(0, 'network_error', 'Cannot reach the Resume Agent server. Check your connection; the page will keep trying.');
}

/** JSON request to /api/v1{path}. Resolves to the parsed body (or null). */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = authHeaders({ Accept: 'application/json' });
  const init = { method, headers, signal, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(API + path, init);
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw networkError();
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return null;
  const text = await res.text();
  if (!text) return null;
  try { return JSON.parse(text); } catch { return text; }
}

/** Multipart upload with progress (XHR: fetch has no upload progress). */
export function upload(path, file, { field = 'file', extra = {}, onProgress } = {}) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append(field, file, file.name);
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API + path);
    for (const [k, v] of Object.entries(authHeaders({ Accept: 'application/json' }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
    xhr.onerror = () => reject(networkError());
    xhr.onload = async () => {
      const headers = new Headers();
      const ra = xhr.getResponseHeader('Retry-After');
      if (ra) headers.set('Retry-After', ra);
      const res = new Response(xhr.responseText, { status: xhr.status, headers });
      if (xhr.status >= 200 && xhr.status < 300) {
        try { resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null); } catch { resolve(null); }
      } else {
        reject(await errorFrom(res));
      }
    };
    xhr.send(form);
  });
}

/** URL of a workspace file (each path segment encoded, slashes kept). */
export function fileURL(sessionId, path) {
  return `${API}/sessions/${encodeURIComponent(sessionId)}/files/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** Fetches a workspace file with the token; returns the Response (ok) or throws ApiError. */
export async function fetchFile(sessionId, path, { signal } = {}) {
  let res;
  try {
    res = await fetch(fileURL(sessionId, path), { headers: authHeaders(), signal, cache: 'no-store' });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw networkError();
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

/**
 * Fetches page `page` of the uploaded resume as an image (PNG), `width` pixels wide. The server
 * tags each image with the upload it shows, so the browser's cache revalidates it instead of
 * showing a page of an earlier upload. Resolves to the Response (ok) or throws ApiError.
 */
export async function fetchPage(sessionId, page, width, { signal } = {}) {
  const url = `${API}/sessions/${encodeURIComponent(sessionId)}/resume/pages/${encodeURIComponent(page)}?width=${encodeURIComponent(width)}`;
  let res;
  try {
    res = await fetch(url, { headers: authHeaders({ Accept: 'image/png' }), signal, cache: 'no-cache' });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw networkError();
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}
