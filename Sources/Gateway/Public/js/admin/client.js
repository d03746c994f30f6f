// The dashboard's one call: GET /api/v1/admin/usage?since=… with the bearer token.
import { currentToken } from './token.js';

/** A failed call: `status` 0 when the server could not be reached. */
export class UsageError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.name = 'UsageError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

const FALLBACK = {
  401: 'The token was not accepted.',
  403: "This needs an administrator's token.",
  429: 'Too many requests for this token. Try again in a moment.',
  503: 'The server is busy. Try again in a moment.',
};

/** The usage report since `since` (today, 7d, 30d, …). */
export async function fetchUsage(since, { signal } = {}) {
  let res;
  try {
    res = await fetch(`/api/v1/admin/usage?since=${encodeURIComponent(since)}`, {
      headers: { Authorization: `Bearer ${currentToken()}`, Accept: 'application/json' },
      cache: 'no-store',
      signal,
    });
  } catch (err) {
    if (err?.name === 'AbortError') throw err;
    throw new UsageError(0, 'network_error', 'Cannot reach the Resume Agent server. Check that it is running, then try again.');
  }
  if (res.ok) return res.json();
  let code = `http_${res.status}`;
  let message = FALLBACK[res.status] || `The server answered with status ${res.status}.`;
  try {
    const body = await res.json();
    if (body?.error?.code) code = body.error.code;
    if (typeof body?.error?.message === 'string' && body.error.message.trim()) message = body.error.message;
  } catch { /* not JSON: keep the plain sentence */ }
  throw new UsageError(res.status, code, message, res.headers.get('Retry-After'));
}
