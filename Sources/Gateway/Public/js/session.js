// The session record on screen: where its id comes from (the address), reading it again from
// the server, and putting what the server says into the page state.
import { api } from './api.js';
import { refreshFiles } from './documents.js';
import { reportError } from './notices.js';
import { page, setSession } from './state.js';

/** The session named in the address: `#/s/<id>` (or `?session=<id>`). */
export function sessionFromUrl() {
  const m = location.hash.match(/^#\/s\/([A-Za-z0-9_.-]+)/);
  if (m) return m[1];
  return new URLSearchParams(location.search).get('session') || null;
}

/** Reads the session again; resolves to it, or null when it is no longer the one on screen. */
export async function refreshSession() {
  if (!page.sessionId) return null;
  const gen = page.generation;
  try {
    const s = await api(`/sessions/${encodeURIComponent(page.sessionId)}`);
    if (!page.isCurrent(gen)) return null;
    setSession(s);
    return s;
  } catch (e) {
    reportError(e);
    return null;
  }
}

let timer = null;
/** Re-reads the session and its files shortly (several calls in a burst make one). */
export function refreshSoon() {
  clearTimeout(timer);
  timer = setTimeout(() => {
    refreshSession();
    refreshFiles({ force: true }).catch(reportError);
  }, 150);
}
