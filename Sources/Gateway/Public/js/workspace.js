// Opening the workspace: the workflow first (once), then a session — the one in the address, the
// last one this browser used, or a new one — with its files, its runs and its pending approvals.
import { api, ApiError } from './api.js';
import { toast } from './dom.js';
import { refreshFiles, resetDocuments } from './documents.js';
import { unhandledEventTypes } from './events.js';
import { resetJourney } from './journey.js';
import { reportError, showBanner } from './notices.js';
import { restoreHistory, stopStream } from './runs.js';
import { showScreen } from './screen.js';
import { sessionFromUrl } from './session.js';
import { beginSession, page, setSession } from './state.js';
import { renderExportFormats, resetSteps } from './steps.js';
import { approvals, chat } from './views.js';
import { loadWorkflow } from './workflow.js';

const LAST_SESSION_KEY = 'resume-agent.last-session';
let formatsShown = false;

/** Shows the workspace (the token is set) and opens the session to work on. */
export async function start() {
  showScreen('boot');
  try {
    await loadWorkflow();
  } catch (e) {
    if (e?.status === 401) return; // the sign-in screen took over
    showScreen('app');
    showBanner(`${e.message || 'The workspace could not be opened.'} Reload the page to try again.`, 'error');
    return;
  }
  if (!formatsShown) {
    renderExportFormats();
    formatsShown = true;
    const missing = unhandledEventTypes();
    if (missing.length) console.warn('event types without a handler in events.js:', missing);
  }
  showScreen('app');
  let last = null;
  try { last = localStorage.getItem(LAST_SESSION_KEY); } catch { /* ignore */ }
  await openSession(sessionFromUrl() || last);
}

/** Shows session `id` (a new session when it is null or not found). */
export async function openSession(id) {
  const gen = beginSession();
  stopStream();
  chat.clear();
  approvals.reset();
  resetDocuments();
  resetSteps();
  resetJourney();
  let s = null;
  try {
    await loadWorkflow();
    if (id) {
      try {
        s = await api(`/sessions/${encodeURIComponent(id)}`);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 404) throw e;
        toast('That session was not found, so a new one was started.');
      }
    }
    if (!s) s = await api('/sessions', { method: 'POST', body: {} });
  } catch (e) {
    if (e?.status === 401) return;
    showBanner(`${e.message || 'The workspace could not be opened.'} Reload the page to try again.`, 'error');
    return;
  }
  if (!page.isCurrent(gen)) return;
  try { localStorage.setItem(LAST_SESSION_KEY, s.session_id); } catch { /* ignore */ }
  if (sessionFromUrl() !== s.session_id) history.replaceState(null, '', `${location.pathname}#/s/${s.session_id}`);
  setSession(s);
  await Promise.allSettled([refreshFiles({ initial: true }), restoreHistory(s, gen)]);
  if (!page.isCurrent(gen)) return;
  approvals.refresh().catch(reportError);
}
