// The operator's usage dashboard: signs in with the workspace's token (or asks for an
// administrator's), loads today's, the 7-day and the 30-day report and draws them. The body's
// data-state says which view is shown: loading, signin, forbidden, error or ready.
import { renderChart } from './chart.js';
import { fetchUsage } from './client.js';
import { $ } from './dom.js';
import { utc } from './format.js';
import { renderBudgets, renderPeriod, renderPool, renderTotals, WINDOWS } from './sections.js';
import { consumeTokenFromHash, currentToken, forgetToken, storeToken } from './token.js';

const VIEWS = ['signin', 'forbidden', 'failure', 'dashboard'];
let reports = null;
let loading = null;

function show(state, view, status = '') {
  document.body.dataset.state = state;
  for (const id of VIEWS) $(`#${id}`).hidden = id !== view;
  $('#status').textContent = status;
  const signedIn = state === 'ready' || state === 'error';
  $('#refresh').hidden = !signedIn;
  $('#forget').hidden = !currentToken();
  $('#updated').hidden = state !== 'ready';
}

function askForToken(message) {
  show('signin', 'signin');
  const m = $('#signin-message');
  m.textContent = message || '';
  m.hidden = !message;
  $('#signin-token').value = '';
  $('#signin-token').focus();
}

function selectedWindow() {
  const since = document.querySelector('input[name="period"]:checked')?.value || '7d';
  return WINDOWS.find((w) => w.since === since) || WINDOWS[1];
}

function renderAll() {
  renderTotals(reports);
  renderChart(reports['30d']);
  renderBudgets(reports['30d']);
  renderPool(reports['30d']);
  const w = selectedWindow();
  renderPeriod(reports[w.since], w.label);
  $('#updated').textContent = `Updated ${utc(reports['30d'].generated_at)}`;
}

/** Loads the three reports; a second call while one is loading waits for it. */
async function load() {
  if (loading) return loading;
  // Cleared here, after the assignment: a refresh that ends without awaiting (no token) has
  // already run to its end when `loading` is set, so it cannot clear it itself.
  loading = refresh();
  try {
    return await loading;
  } finally {
    loading = null;
  }
}

/** One load of the three reports, ending in the view that fits its answer. */
async function refresh() {
  if (!currentToken()) return askForToken();
  if (!reports) show('loading', null, 'Loading the usage numbers…');
  $('#refresh').disabled = true;
  try {
    const results = await Promise.all(WINDOWS.map((w) => fetchUsage(w.since)));
    reports = Object.fromEntries(WINDOWS.map((w, i) => [w.since, results[i]]));
    renderAll();
    show('ready', 'dashboard', '');
  } catch (err) {
    if (err.status === 401) {
      // As the workspace does: a token the server refuses is not kept.
      forgetToken();
      reports = null;
      return askForToken(`${err.message} Paste an administrator's token.`);
    }
    if (err.status === 403) {
      reports = null;
      show('forbidden', 'forbidden');
      $('#forbidden-title').focus();
      return;
    }
    const message = err.retryAfter ? `${err.message} (try again in ${err.retryAfter} s)` : err.message;
    // A failed refresh keeps the numbers already shown and says why they are not newer.
    if (reports) return show('ready', 'dashboard', `Could not refresh: ${message}`);
    $('#failure-message').textContent = message;
    show('error', 'failure');
  } finally {
    $('#refresh').disabled = false;
  }
}

function useToken(input) {
  const token = input.value.trim();
  if (!token) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  storeToken(token);
  input.value = '';
  load().then(() => { if (document.body.dataset.state === 'ready') $('#page-title').focus(); });
}

$('#signin-form').addEventListener('submit', (e) => { e.preventDefault(); useToken($('#signin-token')); });
$('#forbidden-form').addEventListener('submit', (e) => { e.preventDefault(); useToken($('#forbidden-token')); });
$('#refresh').addEventListener('click', () => load());
$('#retry').addEventListener('click', () => load());
$('#forget').addEventListener('click', () => { forgetToken(); reports = null; askForToken('The token was removed from this browser.'); });
for (const radio of document.querySelectorAll('input[name="period"]')) {
  radio.addEventListener('change', () => {
    if (!reports) return;
    const w = selectedWindow();
    renderPeriod(reports[w.since], w.label);
  });
}
$('#page-title').tabIndex = -1;
$('#forbidden-title').tabIndex = -1;

consumeTokenFromHash();
load();
