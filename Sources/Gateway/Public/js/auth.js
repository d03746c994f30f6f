// Signing in: the token from the first-start link (#token=…), the sign-in screen, and what
// happens when the server stops accepting the token.
import { auth } from './api.js';
import { $ } from './dom.js';
import { stopStream } from './runs.js';
import { showScreen } from './screen.js';
import { setSessionId } from './state.js';
import { approvals } from './views.js';
import { start } from './workspace.js';

/** Keeps the token of a `#token=…[&session=…]` link and drops it from the address bar. */
export function consumeTokenFromHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  if (!/(^|&)token=/.test(raw)) return;
  const params = new URLSearchParams(raw);
  const token = params.get('token');
  if (token) auth.set(token.trim());
  const sid = params.get('session');
  history.replaceState(null, '', location.pathname + location.search + (sid ? `#/s/${sid}` : ''));
}

/** Leaves the workspace for the sign-in screen, with a sentence saying why. */
export function showAuth(message) {
  stopStream();
  approvals.close();
  showScreen('auth');
  const m = $('#auth-message');
  m.textContent = message || '';
  m.hidden = !message;
  $('#auth-token').value = '';
  $('#auth-token').focus();
}

auth.onUnauthorized = (err) => {
  auth.clear();
  setSessionId(null);
  showAuth(err?.message || 'Your access token was not accepted. Paste a valid token to continue.');
};

$('#auth-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const token = $('#auth-token').value.trim();
  if (!token) {
    $('#auth-message').textContent = 'Paste your access token first.';
    $('#auth-message').hidden = false;
    return;
  }
  auth.set(token);
  await start();
});
