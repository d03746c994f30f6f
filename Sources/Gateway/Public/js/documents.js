// The session's documents: the workspace file list, the live preview, the gap report, the file
// viewer, and the exported files with their download buttons. Everything is read through the
// files routes of the API; the list is re-read after anything that can change it.
import { api, fetchFile } from './api.js';
import { $, h, fmtBytes, fmtTime, toast } from './dom.js';
import { renderGapReport } from './gap.js';
import { reportError } from './notices.js';
import { page, setFiles } from './state.js';
import { selectTab } from './tabs.js';

const PREVIEW = 'preview/resume.html';
const GAP_JSON = 'analysis/gap.json';
const GAP_MD = 'analysis/gap.md';
const TEXT_EXT = new Set(['md', 'markdown', 'txt', 'json', 'csv', 'log', 'yaml', 'yml']);

let previewKey = null;
let gapKey = null;
let previewLoadedOnce = false;

/** Identifies one version of a file (changes when it is rewritten). */
export const fileKey = (f) => (f ? `${f.updated_at || ''}|${f.size ?? ''}` : null);
export const basename = (p) => String(p || '').split('/').pop();
function extOf(p) { const m = /\.([A-Za-z0-9]+)$/.exec(p || ''); return m ? m[1].toLowerCase() : ''; }

/** Empties the panel for a new session. */
export function resetDocuments() {
  previewKey = null;
  gapKey = null;
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
}

let inFlight = null;
let queued = null;
/**
 * Re-reads the file list and whatever changed in it. One request at a time: calls made meanwhile
 * are merged into one more, with the strongest options (`force` reloads the preview, `live`
 * announces a new gap report).
 */
export function refreshFiles(opts = {}) {
  if (inFlight) {
    queued = { force: !!(opts.force || queued?.force), live: !!(opts.live || queued?.live) };
    return inFlight;
  }
  inFlight = loadFiles(opts).finally(() => {
    inFlight = null;
    if (queued) { const q = queued; queued = null; refreshFiles(q); }
  });
  return inFlight;
}

async function loadFiles({ force = false, live = false, initial = false } = {}) {
  if (!page.sessionId) return;
  const gen = page.generation;
  const body = await api(`/sessions/${encodeURIComponent(page.sessionId)}/files`);
  if (!page.isCurrent(gen)) return;
  setFiles(Array.isArray(body?.files) ? body.files : []);
  renderFiles();
  renderDownloads();
  const byPath = new Map(page.files.map((f) => [f.path, f]));
  const preview = byPath.get(PREVIEW);
  if (preview && (force || fileKey(preview) !== previewKey)) await loadPreview(preview, { flash: !initial });
  const gap = byPath.get(GAP_JSON);
  if (gap && fileKey(gap) !== gapKey) await loadGap(gap, { announce: live && !initial });
}

async function loadPreview(f, { flash }) {
  const gen = page.generation;
  try {
    const html = await (await fetchFile(page.sessionId, f.path)).text();
    if (!page.isCurrent(gen)) return;
    const frame = $('#preview');
    const changed = frame.getAttribute('srcdoc') !== html;
    previewKey = fileKey(f);
    if (changed) {
      frame.setAttribute('srcdoc', html);
      frame.hidden = false;
      $('#preview-empty').hidden = true;
      if (flash && previewLoadedOnce) {
        frame.classList.remove('flash');
        void frame.offsetWidth;
        frame.classList.add('flash');
      }
    }
    previewLoadedOnce = true;
    $('#preview-status').textContent = `Updated ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`;
    frame.dataset.version = String((Number(frame.dataset.version) || 0) + (changed ? 1 : 0));
  } catch (e) {
    if (e?.status === 404) return;
    $('#preview-status').textContent = e.message || 'The preview could not be loaded.';
  }
}

async function loadGap(f, { announce }) {
  const gen = page.generation;
  try {
    const text = await (await fetchFile(page.sessionId, f.path)).text();
    if (!page.isCurrent(gen)) return;
    gapKey = fileKey(f);
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
      const md = await (await fetchFile(page.sessionId, GAP_MD)).text().catch(() => '');
      box.replaceChildren(h('pre', { class: 'file-viewer-body' }, md || 'The gap analysis could not be read.'));
    }
  } catch (e) {
    if (e?.status === 404) return;
    reportError(e);
  }
}

function renderFiles() {
  const ul = $('#files');
  const files = page.files;
  $('#files-count').textContent = files.length ? String(files.length) : '';
  if (!files.length) {
    ul.replaceChildren(h('li', { class: 'muted small', style: 'padding:12px' }, 'No files yet. Upload your resume to begin.'));
    return;
  }
  const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
  ul.replaceChildren(...sorted.map((f) => h('li', { dataset: { path: f.path } },
    h('button', { type: 'button', class: 'file-open', onclick: () => openFile(f) },
      h('span', { class: 'fi', 'aria-hidden': 'true' }, extOf(f.path).slice(0, 4) || 'file'),
      h('span', { class: 'fmeta' },
        h('span', { class: 'fpath' }, f.path),
        h('span', { class: 'fsub' }, [fmtBytes(f.size), fmtTime(f.updated_at)].filter(Boolean).join(' · ')))),
    h('button', { type: 'button', class: 'btn btn-ghost btn-sm', 'aria-label': `Download ${f.path}`, onclick: (e) => download(f.path, e.currentTarget) }, 'Download'))));
}

/** The export step's list: every file under exports/, newest first. */
function renderDownloads() {
  const exports = page.files.filter((f) => f.path.startsWith('exports/'))
    .sort((a, b) => String(b.updated_at || '').localeCompare(String(a.updated_at || '')));
  $('#downloads').replaceChildren(...exports.map((f) => h('li', { dataset: { path: f.path } },
    h('span', { class: 'fmt' }, extOf(f.path) || 'file'),
    h('span', { class: 'truncate', title: f.path }, basename(f.path)),
    h('span', { class: 'muted tiny' }, fmtBytes(f.size)),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', class: 'btn btn-secondary btn-sm download', 'aria-label': `Download ${basename(f.path)}`, onclick: (e) => download(f.path, e.currentTarget) }, 'Download'))));
}

/** Saves a workspace file through the browser (the token travels in a header, not the URL). */
async function download(path, btn) {
  btn?.classList.add('busy');
  try {
    const res = await fetchFile(page.sessionId, path);
    const url = URL.createObjectURL(await res.blob());
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

async function openFile(f) {
  if (f.path === PREVIEW) { selectTab('tab-preview'); return; }
  if (f.path === GAP_JSON && gapKey) { selectTab('tab-report'); return; }
  if (!TEXT_EXT.has(extOf(f.path)) && !(f.content_type || '').startsWith('text/')) { download(f.path); return; }
  try {
    const text = await (await fetchFile(page.sessionId, f.path)).text();
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
  const f = page.files.find((x) => x.path === PREVIEW);
  if (f) loadPreview(f, { flash: false }); else refreshFiles({ force: true }).catch(reportError);
});
