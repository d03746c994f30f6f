// Steps 2–5: the job description form, the analyze and tailor buttons with the auto-approve
// switch, and the export controls (one choice per format the server exports).
import { api, fetchFile } from './api.js';
import { setBusy, isBusy } from './controls.js';
import { $, $$, h, fmtBytes, toast } from './dom.js';
import { basename, fileKey, refreshFiles } from './documents.js';
import { collapseStep } from './journey.js';
import { reportError, setMsg } from './notices.js';
import { PROMPTS, send } from './runs.js';
import { on, page, setAutoApprove, setState } from './state.js';
import { exportFormats } from './workflow.js';

const STATUS = ['#upload-status', '#jd-status', '#analyze-status', '#tailor-status', '#export-status'];
let jdKey = null;

/** Clears what the steps said about the previous session. */
export function resetSteps() {
  jdKey = null;
  for (const id of STATUS) setMsg(id, '');
}

const firstLine = (text) => String(text || '').split('\n').map((l) => l.trim()).find(Boolean)?.slice(0, 120) || '';

// Job description -------------------------------------------------------------

$$('input[name="jd-mode"]').forEach((r) => r.addEventListener('change', () => {
  const url = $('input[name="jd-mode"]:checked').value === 'url';
  $('#jd-url-field').hidden = !url;
  $('#jd-text-field').hidden = url;
}));

$('#jd-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const button = $('#jd-submit');
  if (isBusy(button)) return;
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
  setBusy(button, true);
  button.classList.add('busy');
  setMsg('#jd-status', mode === 'url' ? 'Fetching the job posting…' : 'Saving…');
  try {
    const res = await api(`/sessions/${encodeURIComponent(page.sessionId)}/jd`, { method: 'POST', body: mode === 'url' ? { url: value } : { text: value } });
    const title = res?.jd?.title || firstLine(res?.jd?.text) || '';
    setMsg('#jd-status', `✓ Saved${title ? ` — ${title}` : ''}.`, 'ok');
    collapseStep('provide_jd');
    if (res?.state) setState(res.state);
    refreshFiles({ force: true }).catch(reportError);
  } catch (err) {
    setMsg('#jd-status', err.message || 'The job description could not be saved.', 'error');
  } finally {
    setBusy(button, false);
    button.classList.remove('busy');
  }
});

/** A session that has a job description shows it in the form and names it. */
async function loadJdSummary(f) {
  try {
    const text = await (await fetchFile(page.sessionId, f.path)).text();
    jdKey = fileKey(f);
    if (!$('#jd-text').value) $('#jd-text').value = text;
    if (!$('#jd-status').textContent) setMsg('#jd-status', `✓ Targeting: ${firstLine(text.replace(/^#+\s*/, ''))}`, 'ok');
  } catch { /* the summary is a nicety */ }
}

on('files', (p) => {
  const jd = p.files.find((f) => f.path === 'jd.md');
  if (jd && fileKey(jd) !== jdKey) loadJdSummary(jd);
});

// Analyze and tailor ----------------------------------------------------------

$('#analyze').addEventListener('click', () => send(PROMPTS.analyze, { purpose: 'analyze', errorAt: '#analyze-status' }));
$('#tailor').addEventListener('click', () => send(PROMPTS.tailor, { purpose: 'tailor', errorAt: '#tailor-status' }));

// While a run started by one of these buttons works, the button says so.
on('run', (p) => {
  const purpose = p.running ? p.runPurpose : null;
  $('#analyze').classList.toggle('busy', purpose === 'analyze');
  $('#tailor').classList.toggle('busy', purpose === 'tailor');
  $('#analyze').textContent = purpose === 'analyze' ? 'Analyzing…' : 'Analyze gaps';
  $('#tailor').textContent = purpose === 'tailor' ? 'Tailoring…' : 'Tailor my resume';
  if (purpose === 'analyze') setMsg('#analyze-status', 'Reading your resume and the job description…');
  if (purpose === 'tailor') setMsg('#tailor-status', 'Preparing edits. Each one waits for your approval.');
  if (!p.running) { setMsg('#analyze-status', ''); setMsg('#tailor-status', ''); }
});

const autoApprove = $('#auto-approve');
function showAutoApprove(enabled) {
  autoApprove.checked = enabled;
  autoApprove.setAttribute('aria-checked', String(enabled)); // role="switch" states it explicitly
}

autoApprove.addEventListener('change', async (e) => {
  const enabled = e.target.checked;
  showAutoApprove(enabled);
  try {
    const res = await api(`/sessions/${encodeURIComponent(page.sessionId)}/settings/auto-approve`, { method: 'POST', body: { enabled } });
    const isOn = res?.auto_approve ?? enabled;
    showAutoApprove(isOn);
    setAutoApprove(isOn);
    toast(isOn ? 'Auto-approve is on: edits without truthfulness flags are applied for you.' : 'Auto-approve is off: every edit waits for you.');
  } catch (err) {
    showAutoApprove(!enabled);
    reportError(err);
  }
});

on('session', (p) => {
  showAutoApprove(!!p.session.auto_approve);
  if (p.session.jd?.title && !/error/.test($('#jd-status').className)) setMsg('#jd-status', `✓ Targeting: ${p.session.jd.title}`, 'ok');
});

// Export ----------------------------------------------------------------------

/** One choice per format the server exports, in its order; the first is chosen. */
export function renderExportFormats() {
  const box = $('#export-formats');
  box.querySelectorAll('label').forEach((l) => l.remove());
  exportFormats().forEach(({ format, label }, i) => {
    box.append(h('label', {}, h('input', { type: 'radio', name: 'format', value: format, checked: i === 0 }), ` ${label}`));
  });
}

$('#export').addEventListener('click', async () => {
  const button = $('#export');
  const chosen = $('input[name="format"]:checked');
  if (isBusy(button) || !chosen) return;
  const format = chosen.value;
  setBusy(button, true);
  button.classList.add('busy');
  setMsg('#export-status', `Exporting ${format.toUpperCase()}…`);
  try {
    const res = await api(`/sessions/${encodeURIComponent(page.sessionId)}/export`, { method: 'POST', body: { format } });
    setMsg('#export-status', `✓ ${basename(res.path)} is ready (${fmtBytes(res.size)}).`, 'ok');
    if (res?.state) setState(res.state);
    await refreshFiles({ force: true });
  } catch (e) {
    setMsg('#export-status', e.message || 'The export failed.', 'error');
  } finally {
    setBusy(button, false);
    button.classList.remove('busy');
  }
});
