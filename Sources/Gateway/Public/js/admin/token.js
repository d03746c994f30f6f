// The access token, kept where the workspace keeps it (js/api.js, TOKEN_KEY): signing in on
// either page signs in on both. A `#token=…` link hands one over and is dropped from the address bar.

const TOKEN_KEY = 'resume-agent.token';
let memoryToken = '';

export function currentToken() {
  try { return localStorage.getItem(TOKEN_KEY) || memoryToken; } catch { return memoryToken; }
}

export function storeToken(token) {
  memoryToken = token;
  try { localStorage.setItem(TOKEN_KEY, token); } catch { /* private mode: kept in memory */ }
}

export function forgetToken() {
  memoryToken = '';
  try { localStorage.removeItem(TOKEN_KEY); } catch { /* ignore */ }
}

/** Keeps the token of a `#token=…` link and removes it from the address bar and history. */
export function consumeTokenFromHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  if (!/(^|&)token=/.test(raw)) return;
  const token = new URLSearchParams(raw).get('token');
  if (token) storeToken(token.trim());
  history.replaceState(null, '', location.pathname + location.search);
}
