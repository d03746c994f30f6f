// Runs: starting one (a message), following the active one live, replaying finished ones into the
// conversation when a session opens, and stopping one. Each event goes through events.js.
import { api, ApiError } from './api.js';
import { $, toast } from './dom.js';
import { refreshFiles } from './documents.js';
import { dispatch } from './events.js';
import { costCap, reportError } from './notices.js';
import { refreshSession } from './session.js';
import { RunStream } from './sse.js';
import { on, page, setRun } from './state.js';
import { approvals, chat } from './views.js';
import { isTerminal } from './workflow.js';

/** The messages the step buttons send; a restored active run's purpose is read back from them. */
export const PROMPTS = { analyze: 'Analyze my gaps', tailor: 'Tailor my resume' };

const RUNS_KEY = (sid) => `resume-agent.runs.${sid}`;
let stream = null; // the live stream of the active run

on('run', (p) => {
  $('#app').dataset.run = p.running ? 'running' : 'idle';
  $('#stop').hidden = !p.running;
});

// ---------------------------------------------------------------- history

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

/** Shows the session's runs in order: finished ones replayed, the active one followed live. */
export async function restoreHistory(s, gen) {
  let runs;
  try {
    runs = await listRuns(s.session_id);
  } catch (e) {
    reportError(e);
    runs = [];
  }
  if (!page.isCurrent(gen)) return;
  runs = [...runs].sort((a, b) => String(a.created_at || '').localeCompare(String(b.created_at || '')));
  const active = s.active_run_id;
  if (active && !runs.some((r) => r.run_id === active)) runs.push({ run_id: active, content: '' });
  for (const r of runs) chat.run(r.run_id, r.content || r.message || '');
  const past = runs.filter((r) => r.run_id !== active);
  await Promise.allSettled(past.map((r) => replay(r.run_id, gen)));
  if (!page.isCurrent(gen)) return;
  if (active) {
    const content = runs.find((r) => r.run_id === active)?.content || '';
    attach(active, undefined, Object.keys(PROMPTS).find((k) => PROMPTS[k] === content) || 'chat');
  }
  chat.scroll(true);
}

/** Replays a finished run into the chat (the server replays the whole stream and closes). */
async function replay(runId, gen) {
  const r = chat.run(runId);
  const replayed = new RunStream({
    sessionId: page.sessionId, runId, afterSeq: r.lastSeq, isTerminal,
    onEvent: (env) => { if (page.isCurrent(gen)) dispatch(env, { live: false }); },
  });
  try {
    await replayed.start();
  } catch (e) {
    if (e?.status === 404) return;
    throw e;
  }
}

// ---------------------------------------------------------------- the active run

/** Follows a run live until its terminal event (`purpose`: as for `send`). */
export function attach(runId, content, purpose = page.runPurpose) {
  if (stream && page.runId === runId) return;
  stopStream();
  const gen = page.generation;
  setRun({ runId, purpose, running: true });
  const r = chat.run(runId, content);
  chat.setWorking(r, true);
  const live = new RunStream({
    sessionId: page.sessionId, runId, afterSeq: r.lastSeq, isTerminal,
    onEvent: (env) => {
      if (!page.isCurrent(gen)) return;
      dispatch(env, { live: true });
      if (isTerminal(env.type)) finishRun(env.run_id);
    },
    onStatus: (st) => { if (stream === live) setStreamStatus(st); },
  });
  stream = live;
  live.start().then((how) => {
    if (how === 'stopped' || !page.isCurrent(gen)) return;
    finishRun(runId);
  }, (err) => {
    if (!page.isCurrent(gen)) return;
    reportError(err);
    finishRun(runId);
  });
}

export function stopStream() {
  if (stream) stream.stop();
  stream = null;
  setStreamStatus('');
}

function finishRun(runId) {
  if (page.runId !== runId) return;
  stream = null;
  setRun({ running: false });
  setStreamStatus('');
  refreshSession();
  refreshFiles({ force: true }).catch(reportError);
  approvals.refresh({ autoOpen: false }).catch(() => {});
}

/**
 * Sends a message, which starts a run. `purpose` names the control that sent it ('analyze',
 * 'tailor', 'chat'); a refusal is shown at `errorAt` (or as a toast). Resolves to whether a run started.
 */
export async function send(content, { purpose = 'chat', errorAt = null } = {}) {
  content = content.trim();
  if (!content || !page.sessionId) return false;
  if (page.runId) {
    toast('The assistant is still working on your last request. Wait for it, or press Stop.');
    return false;
  }
  setRun({ runId: null, purpose, running: true });
  let runId;
  try {
    const body = await api(`/sessions/${encodeURIComponent(page.sessionId)}/messages`, { method: 'POST', body: { content } });
    runId = body.run_id;
  } catch (e) {
    setRun({ running: false });
    if (e.code === 'cost_cap_reached' || e.status === 402) { costCap(e.message); return false; }
    if (e.code === 'run_in_progress') {
      const s = await refreshSession();
      if (s?.active_run_id) attach(s.active_run_id);
      toast(e.message);
      return false;
    }
    reportError(e, errorAt);
    return false;
  }
  rememberRun(page.sessionId, runId, content);
  attach(runId, content);
  chat.scroll(true);
  return true;
}

$('#stop').addEventListener('click', async () => {
  const runId = page.runId;
  if (!runId) return;
  $('#stop').disabled = true;
  try {
    await api(`/sessions/${encodeURIComponent(page.sessionId)}/runs/${encodeURIComponent(runId)}/interrupt`, { method: 'POST', body: {} });
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
