// How the page tells a person something: a sentence next to the control it is about, the banner
// under the header (spending limit, a workspace that cannot be opened), or a toast.
import { ApiError } from './api.js';
import { $, fmtUSD, toast } from './dom.js';
import { page } from './state.js';

/** Sets a field message (`kind`: '' | 'ok' | 'error'); an empty text hides it. */
export function setMsg(sel, text, kind = '') {
  const el = $(sel);
  if (!el) return;
  el.textContent = text || '';
  el.className = `field-msg${kind ? ` ${kind}` : ''}`;
}

export function showBanner(text, kind = 'warn') {
  $('#banner-text').textContent = text;
  $('#banner').classList.toggle('error', kind === 'error');
  $('#banner').hidden = false;
  $('#app').classList.add('has-banner');
}

$('#banner-close').addEventListener('click', () => {
  $('#banner').hidden = true;
  $('#app').classList.remove('has-banner');
});

/** The session reached its spending limit: say what is safe and what to do. */
export function costCap(message) {
  const cap = page.usage?.cost_cap_usd ?? page.session?.usage?.cost_cap_usd;
  showBanner(`${message || 'This session reached its spending limit'}${cap ? ` (${fmtUSD(cap)})` : ''}. `
    + 'Your resume, analysis and exports are safe: download them, or start a new session to keep working.', 'warn');
}

/** Shows an error as a sentence: next to the control that caused it, or as a toast. */
export function reportError(e, where) {
  if (!e || e.name === 'AbortError') return;
  if (e.status === 401) return; // the auth screen takes over
  console.warn(e);
  const text = e instanceof ApiError ? e.message : 'Something went wrong in the page. Reload to try again.';
  if (e.code === 'cost_cap_reached') { costCap(e.message); return; }
  if (where) setMsg(where, text, 'error'); else toast(text, { kind: 'error' });
}
