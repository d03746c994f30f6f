// Resume Agent web workspace: boots the page. Each part of the page lives in its own module
// (see the imports); this file signs in, opens the workspace, and follows the address, the
// tab's visibility and the network. No build step, no outside requests.
import { auth } from './api.js';
import { consumeTokenFromHash, showAuth } from './auth.js';
import './composer.js';
import { unhandledEventTypes } from './events.js';
import './header.js';
import { reportError } from './notices.js';
import { attach } from './runs.js';
import { refreshSession, refreshSoon, sessionFromUrl } from './session.js';
import './review.js';
import { page } from './state.js';
import './steps.js';
import './upload.js';
import { approvals, chat } from './views.js';
import { openSession, start } from './workspace.js';

window.addEventListener('hashchange', () => {
  if (/(^#\/?|&)token=/.test(location.hash)) { consumeTokenFromHash(); start(); return; }
  const sid = sessionFromUrl();
  if (sid && sid !== page.sessionId && auth.token) openSession(sid);
});

// When the tab comes back (laptop woke up, connection returned), pick up anything missed.
document.addEventListener('visibilitychange', async () => {
  if (document.hidden || !page.sessionId || !auth.token) return;
  const s = await refreshSession();
  if (s?.active_run_id && s.active_run_id !== page.runId) attach(s.active_run_id);
  approvals.refresh({ autoOpen: !page.runId }).catch(() => {});
});
window.addEventListener('online', () => { if (page.sessionId) refreshSoon(); });

window.addEventListener('unhandledrejection', (e) => { reportError(e.reason); e.preventDefault(); });

// Hooks for people debugging and for the browser tests: read-only views of the page state.
window.resumeAgent = Object.freeze({
  get sessionId() { return page.sessionId; },
  get activeRunId() { return page.runId; },
  get state() { return page.state; },
  textOf: (runId) => chat.textOf(runId),
  unhandledEventTypes,
});

consumeTokenFromHash();
if (auth.token) start(); else showAuth();
