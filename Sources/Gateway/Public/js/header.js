// The header: the session's cost against its cap, the pending-approvals badge, the session link,
// and the "New session" and "Sign out" buttons.
import { api, auth } from './api.js';
import { showAuth } from './auth.js';
import { $, fmtUSD, fmtInt, toast } from './dom.js';
import { costCap, reportError } from './notices.js';
import { on, page } from './state.js';
import { approvals } from './views.js';
import { openSession } from './workspace.js';

const shortId = (id) => (id.length > 14 ? `${id.slice(0, 10)}…${id.slice(-4)}` : id);

on('session', (p) => {
  $('#copy-session').textContent = shortId(p.sessionId);
  $('#copy-session').setAttribute('aria-label', `Session ${p.sessionId}. Copy a link to it.`);
});

on('usage', ({ usage: u }) => {
  const cost = Number(u.cost_usd) || 0;
  const cap = Number(u.cost_cap_usd) || 0;
  $('#usage-cost').textContent = fmtUSD(cost);
  $('#usage-cap').textContent = cap ? fmtUSD(cap) : 'no cap';
  const frac = cap ? Math.min(1, cost / cap) : 0;
  $('#usage-bar').style.width = `${Math.round(frac * 100)}%`;
  const tokens = (Number(u.input_tokens) || 0) + (Number(u.output_tokens) || 0);
  $('#usage-tokens').textContent = `${fmtInt(tokens)} tokens`;
  const box = $('#usage');
  box.classList.toggle('near', frac >= 0.8 && frac < 1);
  box.classList.toggle('over', cap > 0 && frac >= 1);
  box.setAttribute('aria-label', `Session cost ${fmtUSD(cost)} of ${cap ? fmtUSD(cap) : 'no cap'}, ${fmtInt(tokens)} tokens`);
  box.title = `Input ${fmtInt(u.input_tokens)} · output ${fmtInt(u.output_tokens)} tokens`;
  if (cap > 0 && cost >= cap) costCap();
});

on('pending', ({ pending: n }) => {
  const btn = $('#pending-button');
  btn.hidden = n === 0;
  $('#pending-count').textContent = String(n);
  $('#pending-label').textContent = n === 1 ? 'change to review' : 'changes to review';
  btn.setAttribute('aria-label', `${n} proposed change${n === 1 ? '' : 's'} waiting for your approval. Review now.`);
});
$('#pending-button').addEventListener('click', () => approvals.openFirst());

$('#copy-session').addEventListener('click', async () => {
  const link = `${location.origin}${location.pathname}#/s/${page.sessionId}`;
  try {
    await navigator.clipboard.writeText(link);
    toast('Link to this session copied. Anyone opening it still needs your access token.');
  } catch {
    toast(`Session link: ${link}`);
  }
});

$('#new-session').addEventListener('click', async () => {
  if (page.runId && !confirm('The assistant is still working. Start a new session anyway? You can come back to this one from its link.')) return;
  try {
    const s = await api('/sessions', { method: 'POST', body: { auto_approve: false } });
    history.pushState(null, '', `${location.pathname}#/s/${s.session_id}`);
    await openSession(s.session_id);
    toast('New session started.');
  } catch (e) {
    reportError(e);
  }
});

$('#sign-out').addEventListener('click', () => {
  auth.clear();
  showAuth('You are signed out. Paste a token to sign in again.');
});
