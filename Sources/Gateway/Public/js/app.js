// Resume Agent web workspace: wires the guided workflow, the conversation, approvals, files,
// preview and gap report to the public /api/v1 contract. No build step, no outside requests.
import { api, upload, auth, fetchFile, ApiError } from './api.js';
import { RunStream, TERMINAL } from './sse.js';
import { ChatView } from './chat.js';
import { Approvals } from './approvals.js';
import { renderGapReport } from './gap.js';
import { $, $$, h, fmtBytes, fmtUSD, fmtInt, fmtTime, toast } from './dom.js';

const ORDER = ['draft', 'resume_uploaded', 'jd_provided', 'gap_analyzed', 'rewrite_applied', 'exported'];
const NEXT_LINE = {
  draft: 'Start by uploading your resume.',
  resume_uploaded: 'Next: add the job description you are targeting.',
  jd_provided: 'Next: analyze how your resume matches the job.',
  gap_analyzed: 'Next: let the assistant tailor your resume. You approve every change.',
  rewrite_applied: 'Next: export your tailored resume.',
  exported: 'All done. Download your files below, or keep refining.',
  cancelled: 'This session was cancelled. Start a new session to continue.',
};
const LAST_SESSION_KEY = 'resume-agent.last-session';
const RUNS_KEY = (sid) => `resume-agent.runs.${sid}`;
const MAX_UPLOAD = 10 * 1024 * 1024;
const PROMPTS = { analyze: 'Analyze my gaps', tailor: 'Tailor my resume' };

const S = {
  sessionId: null,
  session: null,
  state: 'draft',
  files: [],
  activeRunId: null,
  runPurpose: null,
  stream: null,
  previewKey: null,
  gapKey: null,
  jdKey: null,
  expanded: new Set(),
  restoring: false,
  generation: 0, // bumps on every session switch; late answers for an old session are dropped
};

const chat = new ChatView($('#chat-log'), { onReview: (id) => approvals.open(id) });
const approvals = new Approvals({
  getSessionId: () => S.sessionId,
  onCount: (n, ids) => {
    renderPending(n);
    if (ids) chat.markPending(ids);
  },
  onDecided: () => { refreshSoon(); },
});

// ---------------------------------------------------------------- boot and auth

function consumeTokenFromHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  if (!/(^|&)token=/.test(raw)) return;
  const params = new URLSearchParams(raw);
  const token = params.get('token');
  if (token) auth.set(token.trim());
  const sid = params.get('session');
  history.replaceState(null, '', location.pathname + location.search + (sid ? `#/s/${sid}` : ''));
}

function sessionFromUrl() {
  const m = location.hash.match(/^#\/s\/([A-Za-z0-9_.-]+)/);
  if (m) return m[1];
  const q = new URLSearchParams(location.search).get('session');
  return q || null;
}

function showAuth(message) {
  stopStream();
  approvals.close();
  $('#boot').hidden = true;
  $('#app').hidden = true;
  $('#auth-screen').hidden = false;
  const m = $('#auth-message');
  m.textContent = message || '';
  m.hidden = !message;
  $('#auth-token').value = '';
  $('#auth-token').focus();
}

auth.onUnauthorized = (err) => {
  auth.clear();
  S.sessionId = null;
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

async function start() {
  $('#boot').hidden = true;
  $('#auth-screen').hidden = true;
  $('#app').hidden = false;
  let last = null;
  try { last = localStorage.getItem(LAST_SESSION_KEY); } catch { /* ignore */ }
  await openSession(sessionFromUrl() || last);
}

// ---------------------------------------------------------------- sessions

async function openSession(id) {
  const gen = ++S.generation;
  stopStream();
  chat.clear();
  approvals.reset();
  resetDocs();
  S.activeRunId = null;
  S.expanded.clear();
  setRunning(false);
  let s = null;
  try {
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
  if (gen !== S.generation) return;
  S.sessionId = s.session_id;
  try { localStorage.setItem(LAST_SESSION_KEY, S.sessionId); } catch { /* ignore */ }
  if (sessionFromUrl() !== S.sessionId) history.replaceState(null, '', `${location.pathname}#/s/${S.sessionId}`);
  $('#copy-session').textContent = shortId(S.sessionId);
  $('#copy-session').setAttribute('aria-label', `Session ${S.sessionId}. Copy a link to it.`);
  applySession(s);
  S.restoring = true;
  await Promise.allSettled([refreshFiles({ initial: true }), restoreHistory(s, gen)]);
  S.restoring = false;
  if (gen !== S.generation) return;
  approvals.refresh().catch(reportError);
}

function shortId(id) {
  return id.length > 14 ? `${id.slice(0, 10)}…${id.slice(-4)}` : id;
}

function applySession(s) {
  if (!s) return;
  S.session = s;
  applyState(s.state);
  $('#auto-approve').checked = !!s.auto_approve;
  renderUsage(s.usage);
  if (s.jd?.title && !/error/.test($('#jd-status').className)) setMsg('#jd-status', `✓ Targeting: ${s.jd.title}`, 'ok');
}

async function refreshSession() {
  if (!S.sessionId) return null;
  const gen = S.generation;
  try {
    const s = await api(`/sessions/${encodeURIComponent(S.sessionId)}`);
    if (gen !== S.generation) return null;
    applySession(s);
    return s;
  } catch (e) {
    reportError(e);
    return null;
  }
}

let refreshTimer = null;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshSession();
    refreshFiles({ force: true }).catch(reportError);
  }, 150);
}

// ---------------------------------------------------------------- history and runs

function localRuns(sid) {
  try { return JSON.parse(localStorage.getItem(RUNS_KEY(sid)) || '[]'); } catch { return []; }
}

function rememberRun(sid, runId, content) {
  const list = localRuns(sid).filter((r) => r.run_id !== runId);
  list.push({ run_id: runId, content, created_at: new Date().toISOString() });
  try { localStorage.setItem(RUNS_KEY(sid), JSON.stringify(list.slice(-60))); } catch { /* ignore */ }
}

async function listRuns(sid) {
  try {
    const body = await api(`/sessions/${encodeURIComponent(sid)}/runs`);
    if (Array.isArray(body?.runs)) return body.runs;
  } catch (e) {
    if (!(e instanceof ApiError) || ![404, 405].includes(e.status)) throw e;
  }
  return localRuns(sid); // older servers: what this browser started
}

async function restoreHistory(s, gen) {
  let runs;
  try {
    runs = await listRuns(s.session_id);
  } catch (e) {
    reportError(e);
    runs = [];
  }
  if (gen !== S.generation) return;
  runs = [...runs].sort((a, b) => String(a.created_at || '').localeCompare(String(b.created_at || '')));
  const active = s.active_run_id;
  if (active && !runs.some((r) => r.run_id === active)) runs.push({ run_id: active, content: '' });
  for (const r of runs) chat.run(r.run_id, r.content || r.message || '');
  const past = runs.filter((r) => r.run_id !== active);
  await Promise.allSettled(past.map((r) => replay(r.run_id, gen)));
  if (gen !== S.generation) return;
  if (active) {
    const content = runs.find((r) => r.run_id === active)?.content || '';
    S.runPurpose = content === PROMPTS.analyze ? 'analyze' : content === PROMPTS.tailor ? 'tailor' : 'chat';
    attach(active);
  }
  chat.scroll(true);
}

/** Replays a finished run into the chat (the server replays the whole stream and closes). */
async function replay(runId, gen) {
  const r = chat.run(runId);
  const stream = new RunStream({
    sessionId: S.sessionId, runId, afterSeq: r.lastSeq,
    onEvent: (env) => { if (gen === S.generation) { chat.handle(env, { live: false }); approvals.remember(env.payload); } },
  });
  try {
    await stream.start();
  } catch (e) {
    if (e?.status === 404) return;
    throw e;
  }
}

function attach(runId, content) {
  if (S.stream && S.activeRunId === runId) return;
  stopStream();
  const gen = S.generation;
  S.activeRunId = runId;
  setRunning(true);
  const r = chat.run(runId, content);
  chat.setWorking(r, true);
  const stream = new RunStream({
    sessionId: S.sessionId, runId, afterSeq: r.lastSeq,
    onEvent: (env) => { if (gen === S.generation) onLiveEvent(env); },
    onStatus: (st, info) => { if (S.stream === stream) setStreamStatus(st, info); },
  });
  S.stream = stream;
  stream.start().then((how) => {
    if (how === 'stopped' || gen !== S.generation) return;
    finishRun(runId);
  }, (err) => {
    if (gen !== S.generation) return;
    reportError(err);
    finishRun(runId);
  });
}

function stopStream() {
  if (S.stream) S.stream.stop();
  S.stream = null;
  setStreamStatus('');
}

function finishRun(runId) {
  if (S.activeRunId !== runId) return;
  S.stream = null;
  S.activeRunId = null;
  S.runPurpose = null;
  setRunning(false);
  setStreamStatus('');
  refreshSession();
  refreshFiles({ force: true }).catch(reportError);
  approvals.refresh({ autoOpen: false }).catch(() => {});
}

function onLiveEvent(env) {
  chat.handle(env, { live: true });
  const p = env.payload || {};
  switch (env.type) {
    case 'tool_call_proposed':
      approvals.remember(p);
      if (p.requires_approval) {
        const flagged = Array.isArray(p.truth_flags) && p.truth_flags.length > 0;
        if (S.session?.auto_approve && !flagged) {
          // The server applies it itself; only ask if it is somehow still waiting a moment later.
          approvals.refresh({ autoOpen: false }).catch(() => {});
          setTimeout(() => approvals.refresh().catch(() => {}), 2500);
        } else {
          approvals.refresh().catch(reportError);
        }
      }
      break;
    case 'tool_call_approved':
    case 'tool_call_rejected':
      approvals.refresh({ autoOpen: false }).catch(() => {});
      break;
    case 'tool_result':
      refreshFiles({ force: true, live: true }).catch(reportError);
      if (p.ok) refreshSession();
      break;
    case 'state_changed':
      if (p.state || p.to) applyState(p.state || p.to);
      break;
    case 'usage_updated':
      if (p.session && typeof p.session === 'object') renderUsage(p.session);
      else if (p.usage && p.usage.cost_cap_usd != null) renderUsage(p.usage);
      else refreshSession();
      break;
    case 'run_interrupted':
      if (p.reason === 'cost_cap') costCap();
      break;
    default:
      break;
  }
  if (TERMINAL.has(env.type)) finishRun(env.run_id);
}

async function send(content, purpose = 'chat') {
  content = content.trim();
  if (!content || !S.sessionId) return false;
  if (S.activeRunId) {
    toast('The assistant is still working on your last request. Wait for it, or press Stop.');
    return false;
  }
  S.runPurpose = purpose;
  setRunning(true);
  let runId;
  try {
    const body = await api(`/sessions/${encodeURIComponent(S.sessionId)}/messages`, { method: 'POST', body: { content } });
    runId = body.run_id;
  } catch (e) {
    S.runPurpose = null;
    setRunning(false);
    if (e.code === 'cost_cap_reached' || e.status === 402) { costCap(e.message); return false; }
    if (e.code === 'run_in_progress') {
      const s = await refreshSession();
      if (s?.active_run_id) attach(s.active_run_id);
      toast(e.message);
      return false;
    }
    reportError(e, purposeStatus(purpose));
    return false;
  }
  rememberRun(S.sessionId, runId, content);
  attach(runId, content);
  chat.scroll(true);
  return true;
}

function purposeStatus(purpose) {
  return { analyze: '#analyze-status', tailor: '#tailor-status' }[purpose] || null;
}

// ---------------------------------------------------------------- workflow

function applyState(state) {
  if (!state) return;
  S.state = state;
  $('#app').dataset.state = state;
  const idx = ORDER.indexOf(state);
  $('#state-line').textContent = NEXT_LINE[state] || '';
  $$('#steps .step').forEach((li, i) => {
    const n = i + 1;
    const done = idx >= n;
    const current = idx + 1 === n || (state === 'exported' && n === 5);
    const locked = state === 'cancelled' || (!done && !current);
    li.classList.toggle("done", done);
    li.classList.toggle('current', current && !done);
    li.classList.toggle('locked', locked);
    const keepOpen = n === 5 || S.expanded.has(n);
    li.classList.toggle('collapsed', done && !keepOpen);
    const status = li.querySelector('.step-status');
    status.textContent = done ? 'Done' : current ? 'Next' : '';
    if (current && !done) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
    let toggle = li.querySelector('.step-toggle');
    if (done && n < 5) {
      if (!toggle) {
        toggle = h('button', { type: 'button', class: 'step-toggle' });
        toggle.addEventListener('click', () => {
          if (S.expanded.has(n)) S.expanded.delete(n); else S.expanded.add(n);
          applyState(S.state);
          if (S.expanded.has(n)) li.querySelector('.step-body button, .step-body textarea, .step-body input')?.focus();
        });
        li.querySelector('.step-head').append(toggle);
      }
      const open = S.expanded.has(n);
      toggle.textContent = open ? 'Hide' : ['Replace', 'Change', 'Re-run', 'Tailor again'][i];
      toggle.setAttribute('aria-expanded', String(open));
      status.textContent = 'Done';
      status.classList.add('visually-hidden'); // the check mark says it; screen readers hear it
    } else {
      toggle?.remove();
      status.classList.remove('visually-hidden');
    }
    let hint = li.querySelector('.step-locked-hint');
    if (locked && state !== 'cancelled') {
      if (!hint) { hint = h('p', { class: 'hint step-locked-hint' }); li.append(hint); }
      hint.textContent = `Available after step ${n - 1}.`;
    } else {
      hint?.remove();
    }
  });
  updateButtons();
}

function setRunning(on) {
  $('#app').dataset.run = on ? 'running' : 'idle';
  $('#stop').hidden = !on;
  updateButtons();
  const busyId = { analyze: '#analyze', tailor: '#tailor' }[S.runPurpose];
  $('#analyze').classList.toggle('busy', on && busyId === '#analyze');
  $('#tailor').classList.toggle('busy', on && busyId === '#tailor');
  $('#analyze').textContent = on && busyId === '#analyze' ? 'Analyzing…' : 'Analyze gaps';
  $('#tailor').textContent = on && busyId === '#tailor' ? 'Tailoring…' : 'Tailor my resume';
  if (on && S.runPurpose === 'analyze') setMsg('#analyze-status', 'Reading your resume and the job description…');
  if (on && S.runPurpose === 'tailor') setMsg('#tailor-status', 'Preparing edits. Each one waits for your approval.');
  if (!on) { setMsg('#analyze-status', ''); setMsg('#tailor-status', ''); }
}

function updateButtons() {
  const running = !!S.activeRunId || $('#app').dataset.run === 'running';
  const idx = ORDER.indexOf(S.state);
  const cancelled = S.state === 'cancelled';
  $('#send').disabled = running || cancelled;
  $('#analyze').disabled = running || cancelled || idx < 2;
  $('#tailor').disabled = running || cancelled || idx < 3;
  $('#export').disabled = cancelled || idx < 4 || S.exporting;
  $('#jd-submit').disabled = cancelled || idx < 1 || S.savingJd;
  $('#pick-file').disabled = cancelled || S.uploading;
}

function setMsg(sel, text, kind = '') {
  const el = $(sel);
  if (!el) return;
  el.textContent = text || '';
  el.className = `field-msg${kind ? ` ${kind}` : ''}`;
}

// Upload ---------------------------------------------------------------

const dropzone = $('#dropzone');
const fileInput = $('#resume-file');
$('#pick-file').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  if (f) uploadResume(f);
  fileInput.value = '';
});
['dragenter', 'dragover'].forEach((t) => dropzone.addEventListener(t, (e) => {
  e.preventDefault();
  if (!S.uploading) dropzone.classList.add('over');
}));
['dragleave', 'dragend'].forEach((t) => dropzone.addEventListener(t, (e) => {
  if (e.target === dropzone) dropzone.classList.remove('over');
}));
dropzone.addEventListener('drop', (e) => {
  e.preventDefault();
  dropzone.classList.remove('over');
  const f = e.dataTransfer?.files?.[0];
  if (f) uploadResume(f);
});
// A file dropped outside the drop zone must not navigate away from the workspace.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

async function uploadResume(file) {
  if (S.uploading || !S.sessionId) return;
  if (file.size > MAX_UPLOAD) {
    setMsg('#upload-status', `“${file.name}” is ${fmtBytes(file.size)}; the limit is 10 MB.`, 'error');
    return;
  }
  if (file.size === 0) {
    setMsg('#upload-status', `“${file.name}” is empty. Choose the file that contains your resume.`, 'error');
    return;
  }
  S.uploading = true;
  updateButtons();
  dropzone.classList.add('busy');
  const prog = $('#upload-progress');
  prog.hidden = false;
  $('#upload-name').textContent = file.name;
  setProgress(0);
  setMsg('#upload-status', 'Uploading…');
  try {
    const res = await upload(`/sessions/${encodeURIComponent(S.sessionId)}/resume`, file, {
      onProgress: (f) => {
        setProgress(f);
        if (f >= 1) setMsg('#upload-status', 'Reading your resume…');
      },
    });
    setProgress(1);
    setMsg('#upload-status', `✓ ${file.name} uploaded — the text was extracted into resume.md.`, 'ok');
    if (res?.state) applyState(res.state);
    await refreshFiles({ force: true, live: true });
    refreshSession();
  } catch (e) {
    setMsg('#upload-status', e.message || 'The upload failed.', 'error');
  } finally {
    S.uploading = false;
    dropzone.classList.remove('busy');
    prog.hidden = true;
    updateButtons();
  }
}

function setProgress(f) {
  const pct = Math.round(Math.max(0, Math.min(1, f)) * 100);
  $('#upload-bar').style.width = `${pct}%`;
  $('#upload-pct').textContent = `${pct}%`;
  $('#upload-meter').setAttribute('aria-valuenow', String(pct));
}

// Job description ----------------------------------------------------------

$$('input[name="jd-mode"]').forEach((r) => r.addEventListener('change', () => {
  const url = $('input[name="jd-mode"]:checked').value === 'url';
  $('#jd-url-field').hidden = !url;
  $('#jd-text-field').hidden = url;
}));

$('#jd-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (S.savingJd) return;
  const mode = $('input[name="jd-mode"]:checked').value;
  const value = (mode === 'url' ? $('#jd-url').value : $('#jd-text').value).trim();
  if (!value) {
    setMsg('#jd-status', mode === 'url' ? 'Enter the link to the job posting.' : 'Paste the job description first.', 'error');
    (mode === 'url' ? $('#jd-url') : $('#jd-text')).focus();
    return;
  }
  if (mode === 'url' && !/^https?:\/\//i.test(value)) {
    setMsg('#jd-status', 'The link should start with https://', 'error');
    return;
  }
  S.savingJd = true;
  updateButtons();
  $('#jd-submit').classList.add('busy');
  setMsg('#jd-status', mode === 'url' ? 'Fetching the job posting…' : 'Saving…');
  try {
    const res = await api(`/sessions/${encodeURIComponent(S.sessionId)}/jd`, { method: 'POST', body: mode === 'url' ? { url: value } : { text: value } });
    const title = res?.jd?.title || firstLine(res?.jd?.text) || '';
    setMsg('#jd-status', `✓ Saved${title ? ` — ${title}` : ''}.`, 'ok');
    S.expanded.delete(2);
    if (res?.state) applyState(res.state);
    refreshFiles({ force: true }).catch(reportError);
  } catch (err) {
    setMsg('#jd-status', err.message || 'The job description could not be saved.', 'error');
  } finally {
    S.savingJd = false;
    $('#jd-submit').classList.remove('busy');
    updateButtons();
  }
});

function firstLine(text) {
  return String(text || '').split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 120) || '';
}

// Analyze / tailor ---------------------------------------------------------

$('#analyze').addEventListener('click', () => send(PROMPTS.analyze, 'analyze'));
$('#tailor').addEventListener('click', () => send(PROMPTS.tailor, 'tailor'));

$('#auto-approve').addEventListener('change', async (e) => {
  const enabled = e.target.checked;
  try {
    const res = await api(`/sessions/${encodeURIComponent(S.sessionId)}/settings/auto-approve`, { method: 'POST', body: { enabled } });
    const on = res?.auto_approve ?? enabled;
    e.target.checked = on;
    if (S.session) S.session.auto_approve = on;
    toast(on ? 'Auto-approve is on: edits without truthfulness flags are applied for you.' : 'Auto-approve is off: every edit waits for you.');
  } catch (err) {
    e.target.checked = !enabled;
    reportError(err);
  }
});

// Export -------------------------------------------------------------------

$('#export').addEventListener('click', async () => {
  if (S.exporting) return;
  const format = $('input[name="format"]:checked').value;
  S.exporting = true;
  updateButtons();
  $('#export').classList.add('busy');
  setMsg('#export-status', `Exporting ${format.toUpperCase()}…`);
  try {
    const res = await api(`/sessions/${encodeURIComponent(S.sessionId)}/export`, { method: 'POST', body: { format } });
    setMsg('#export-status', `✓ ${basename(res.path)} is ready (${fmtBytes(res.size)}).`, 'ok');
    if (res?.state) applyState(res.state);
    await refreshFiles({ force: true });
    S.lastExport = res.path;
    renderDownloads();
  } catch (e) {
    setMsg('#export-status', e.message || 'The export failed.', 'error');
  } finally {
    S.exporting = false;
    $('#export').classList.remove('busy');
    updateButtons();
  }
});

function basename(p) { return String(p || '').split('/').pop(); }
function extOf(p) { const m = /\.([A-Za-z0-9]+)$/.exec(p || ''); return m ? m[1].toLowerCase() : ''; }

function renderDownloads() {
  const ul = $('#downloads');
  const exports = S.files.filter((f) => f.path.startsWith('exports/'))
    .sort((a, b) => String(b.updated_at || '').localeCompare(String(a.updated_at || '')));
  ul.replaceChildren(...exports.map((f) => h('li', { dataset: { path: f.path } },
    h('span', { class: 'fmt' }, extOf(f.path) || 'file'),
    h('span', { class: 'truncate', title: f.path }, basename(f.path)),
    h('span', { class: 'muted tiny' }, fmtBytes(f.size)),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', class: 'btn btn-secondary btn-sm download', 'aria-label': `Download ${basename(f.path)}`, onclick: (e) => download(f.path, e.currentTarget) }, 'Download'))));
}

async function download(path, btn) {
  btn?.classList.add('busy');
  try {
    const res = await fetchFile(S.sessionId, path);
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: basename(path) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (e) {
    reportError(e);
  } finally {
    btn?.classList.remove('busy');
  }
}

// ---------------------------------------------------------------- files, preview, report

function resetDocs() {
  S.files = [];
  S.previewKey = null;
  S.gapKey = null;
  S.jdKey = null;
  $('#preview').hidden = true;
  $('#preview').removeAttribute('srcdoc');
  $('#preview-empty').hidden = false;
  $('#preview-status').textContent = 'No preview yet';
  $('#report').replaceChildren(h('div', { class: 'empty' }, h('h3', {}, 'No gap analysis yet'),
    h('p', { class: 'muted' }, 'Run “Analyze gaps” to see how your resume matches the job.')));
  $('#files').replaceChildren();
  $('#files-count').textContent = '';
  $('#file-viewer').hidden = true;
  $('#downloads').replaceChildren();
  for (const id of ['#upload-status', '#jd-status', '#analyze-status', '#tailor-status', '#export-status']) setMsg(id, '');
}

const fileKey = (f) => (f ? `${f.updated_at || ''}|${f.size ?? ''}` : null);

let filesInFlight = null;
let filesQueued = null;
async function refreshFiles(opts = {}) {
  // Coalesce: one request at a time, with the strongest pending options afterwards.
  if (filesInFlight) {
    filesQueued = { force: !!(opts.force || filesQueued?.force), live: !!(opts.live || filesQueued?.live) };
    return filesInFlight;
  }
  filesInFlight = loadFiles(opts).finally(() => {
    filesInFlight = null;
    if (filesQueued) { const q = filesQueued; filesQueued = null; refreshFiles(q); }
  });
  return filesInFlight;
}

async function loadFiles({ force = false, live = false, initial = false } = {}) {
  if (!S.sessionId) return;
  const gen = S.generation;
  const body = await api(`/sessions/${encodeURIComponent(S.sessionId)}/files`);
  if (gen !== S.generation) return;
  S.files = Array.isArray(body?.files) ? body.files : [];
  renderFiles();
  renderDownloads();
  const byPath = new Map(S.files.map((f) => [f.path, f]));
  const preview = byPath.get('preview/resume.html');
  if (preview && (force || fileKey(preview) !== S.previewKey)) await loadPreview(preview, { flash: !initial });
  const gap = byPath.get('analysis/gap.json');
  if (gap && fileKey(gap) !== S.gapKey) await loadGap(gap, { announce: live && !initial });
  const jd = byPath.get('jd.md');
  if (jd && fileKey(jd) !== S.jdKey) loadJdSummary(jd);
  const resume = byPath.get('resume.md');
  if (resume && !$('#upload-status').textContent) setMsg('#upload-status', `✓ Resume on file (${fmtBytes(resume.size)}). Upload again to replace it.`, 'ok');
}

async function loadPreview(f, { flash }) {
  const gen = S.generation;
  try {
    const html = await (await fetchFile(S.sessionId, f.path)).text();
    if (gen !== S.generation) return;
    const frame = $('#preview');
    const changed = frame.getAttribute('srcdoc') !== html;
    S.previewKey = fileKey(f);
    if (changed) {
      frame.setAttribute('srcdoc', html);
      frame.hidden = false;
      $('#preview-empty').hidden = true;
      if (flash && S.previewLoadedOnce) {
        frame.classList.remove('flash');
        void frame.offsetWidth;
        frame.classList.add('flash');
      }
    }
    S.previewLoadedOnce = true;
    $('#preview-status').textContent = `Updated ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
    $('#preview').dataset.version = String((Number($('#preview').dataset.version) || 0) + (changed ? 1 : 0));
  } catch (e) {
    if (e?.status === 404) return;
    $('#preview-status').textContent = e.message || 'The preview could not be loaded.';
  }
}

async function loadGap(f, { announce }) {
  const gen = S.generation;
  try {
    const text = await (await fetchFile(S.sessionId, f.path)).text();
    if (gen !== S.generation) return;
    S.gapKey = fileKey(f);
    let report;
    try { report = JSON.parse(text); } catch { report = null; }
    const box = $('#report');
    if (report && (report.score || report.requirements)) {
      box.replaceChildren(renderGapReport(report));
      const score = report.score?.score;
      if (announce) {
        selectTab('tab-report');
        toast(`Gap analysis ready${Number.isFinite(score) ? `: match score ${score}/100` : ''}.`);
      }
    } else {
      // Unknown shape: show the readable Markdown version rather than raw JSON.
      const md = await (await fetchFile(S.sessionId, 'analysis/gap.md')).text().catch(() => '');
      box.replaceChildren(h('pre', { class: 'file-viewer-body' }, md || 'The gap analysis could not be read.'));
    }
  } catch (e) {
    if (e?.status === 404) return;
    reportError(e);
  }
}

async function loadJdSummary(f) {
  try {
    const text = await (await fetchFile(S.sessionId, f.path)).text();
    S.jdKey = fileKey(f);
    if (!$('#jd-text').value) $('#jd-text').value = text;
    if (!$('#jd-status').textContent) setMsg('#jd-status', `✓ Targeting: ${firstLine(text.replace(/^#+\s*/, ''))}`, 'ok');
  } catch { /* the summary is a nicety */ }
}

function renderFiles() {
  const ul = $('#files');
  $('#files-count').textContent = S.files.length ? String(S.files.length) : '';
  if (!S.files.length) {
    ul.replaceChildren(h('li', { class: 'muted small', style: 'padding:12px' }, 'No files yet. Upload your resume to begin.'));
    return;
  }
  const sorted = [...S.files].sort((a, b) => a.path.localeCompare(b.path));
  ul.replaceChildren(...sorted.map((f) => h('li', { dataset: { path: f.path } },
    h('button', { type: 'button', class: 'file-open', onclick: () => openFile(f) },
      h('span', { class: 'fi', 'aria-hidden': 'true' }, extOf(f.path).slice(0, 4) || 'file'),
      h('span', { class: 'fmeta' },
        h('span', { class: 'fpath' }, f.path),
        h('span', { class: 'fsub' }, [fmtBytes(f.size), fmtTime(f.updated_at)].filter(Boolean).join(' · ')))),
    h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': `Download ${f.path}`, onclick: (e) => download(f.path, e.currentTarget) }, 'Download'))));
}

const TEXT_EXT = new Set(['md', 'markdown', 'txt', 'json', 'csv', 'log', 'yaml', 'yml']);
async function openFile(f) {
  const ext = extOf(f.path);
  if (f.path === 'preview/resume.html') { selectTab('tab-preview'); return; }
  if (f.path === 'analysis/gap.json' && S.gapKey) { selectTab('tab-report'); return; }
  if (!TEXT_EXT.has(ext) && !(f.content_type || '').startsWith('text/')) { download(f.path); return; }
  try {
    const text = await (await fetchFile(S.sessionId, f.path)).text();
    $('#file-viewer-name').textContent = f.path;
    $('#file-viewer-body').textContent = text;
    $('#file-viewer').hidden = false;
    $('#file-viewer-body').focus();
  } catch (e) {
    reportError(e);
  }
}
$('#file-viewer-close').addEventListener('click', () => { $('#file-viewer').hidden = true; });
$('#preview-refresh').addEventListener('click', () => {
  const f = S.files.find((x) => x.path === 'preview/resume.html');
  if (f) loadPreview(f, { flash: false }); else refreshFiles({ force: true }).catch(reportError);
});

// Tabs (WAI-ARIA pattern: arrows move, Home/End jump) -------------------------
const tabs = $$('.tabs [role="tab"]');
function selectTab(id) {
  for (const t of tabs) {
    const on = t.id === id;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    $(`#${t.getAttribute('aria-controls')}`).hidden = !on;
  }
}
tabs.forEach((t, i) => {
  t.addEventListener('click', () => selectTab(t.id));
  t.addEventListener('keydown', (e) => {
    let j = null;
    if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = tabs.length - 1;
    if (j == null) return;
    e.preventDefault();
    selectTab(tabs[j].id);
    tabs[j].focus();
  });
});

// ---------------------------------------------------------------- header: usage, pending, session

function renderUsage(u) {
  if (!u) return;
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
}

function costCap(message) {
  const cap = S.session?.usage?.cost_cap_usd;
  showBanner(`${message || 'This session reached its spending limit'}${cap ? ` (${fmtUSD(cap)})` : ''}. `
    + 'Your resume, analysis and exports are safe: download them, or start a new session to keep working.', 'warn');
}

function renderPending(n) {
  const btn = $('#pending-button');
  btn.hidden = n === 0;
  $('#pending-count').textContent = String(n);
  $('#pending-label').textContent = n === 1 ? 'change to review' : 'changes to review';
  btn.setAttribute('aria-label', `${n} proposed change${n === 1 ? '' : 's'} waiting for your approval. Review now.`);
}
$('#pending-button').addEventListener('click', () => approvals.openFirst());

$('#copy-session').addEventListener('click', async () => {
  const link = `${location.origin}${location.pathname}#/s/${S.sessionId}`;
  try {
    await navigator.clipboard.writeText(link);
    toast('Link to this session copied. Anyone opening it still needs your access token.');
  } catch {
    toast(`Session link: ${link}`);
  }
});

$('#new-session').addEventListener('click', async () => {
  if (S.activeRunId && !confirm('The assistant is still working. Start a new session anyway? You can come back to this one from its link.')) return;
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

window.addEventListener('hashchange', () => {
  if (/(^#\/?|&)token=/.test(location.hash)) { consumeTokenFromHash(); start(); return; }
  const sid = sessionFromUrl();
  if (sid && sid !== S.sessionId && auth.token) openSession(sid);
});

// When the tab comes back (laptop woke up, connection returned), pick up anything missed.
document.addEventListener('visibilitychange', async () => {
  if (document.hidden || !S.sessionId || !auth.token) return;
  const s = await refreshSession();
  if (s?.active_run_id && s.active_run_id !== S.activeRunId) attach(s.active_run_id);
  approvals.refresh({ autoOpen: !S.activeRunId }).catch(() => {});
});
window.addEventListener('online', () => { if (S.sessionId) refreshSoon(); });

// ---------------------------------------------------------------- composer, stop, banner

const msg = $('#message');
$('#composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = msg.value;
  if (!text.trim()) { msg.focus(); return; }
  if (await send(text)) { msg.value = ''; autosize(); }
});
msg.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    $('#composer').requestSubmit();
  }
});
function autosize() {
  msg.style.height = 'auto';
  msg.style.height = `${Math.min(160, msg.scrollHeight + 2)}px`;
}
msg.addEventListener('input', autosize);

$('#stop').addEventListener('click', async () => {
  const runId = S.activeRunId;
  if (!runId) return;
  $('#stop').disabled = true;
  try {
    await api(`/sessions/${encodeURIComponent(S.sessionId)}/runs/${encodeURIComponent(runId)}/interrupt`, { method: 'POST', body: {} });
  } catch (e) {
    reportError(e);
  } finally {
    $('#stop').disabled = false;
  }
});

function setStreamStatus(st) {
  const el = $('#stream-status');
  el.className = 'stream-status';
  if (st === 'live') { el.textContent = 'Live'; el.classList.add('live'); }
  else if (st === 'reconnecting') { el.textContent = 'Connection lost — reconnecting…'; el.classList.add('reconnecting'); }
  else if (st === 'connecting') { el.textContent = 'Connecting…'; }
  else el.textContent = '';
}

function showBanner(text, kind = 'warn') {
  $('#banner-text').textContent = text;
  $('#banner').classList.toggle('error', kind === 'error');
  $('#banner').hidden = false;
  $('#app').classList.add('has-banner');
}
$('#banner-close').addEventListener('click', () => {
  $('#banner').hidden = true;
  $('#app').classList.remove('has-banner');
});

/** Shows an error as a sentence: next to the control that caused it, or as a toast. */
function reportError(e, where) {
  if (!e || e.name === 'AbortError') return;
  if (e.status === 401) return; // the auth screen takes over
  console.warn(e);
  const text = e instanceof ApiError ? e.message : 'Something went wrong in the page. Reload to try again.';
  if (e.code === 'cost_cap_reached') { costCap(e.message); return; }
  if (where) setMsg(where, text, 'error'); else toast(text, { kind: 'error' });
}

window.addEventListener('unhandledrejection', (e) => { reportError(e.reason); e.preventDefault(); });

// Hooks for people debugging and for the browser tests: read-only views of the page state.
window.resumeAgent = Object.freeze({
  get sessionId() { return S.sessionId; },
  get activeRunId() { return S.activeRunId; },
  get state() { return S.state; },
  textOf: (runId) => chat.textOf(runId),
});

// ---------------------------------------------------------------- go
consumeTokenFromHash();
if (auth.token) start(); else showAuth();
