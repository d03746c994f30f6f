// Step 1: the resume upload — a file picker and a drop zone, with progress, and the server's
// own sentence when it refuses the file.
import { upload } from './api.js';
import { isBusy, setBusy } from './controls.js';
import { $, fmtBytes } from './dom.js';
import { refreshFiles } from './documents.js';
import { setMsg } from './notices.js';
import { focusNextReview } from './review.js';
import { refreshSession } from './session.js';
import { on, page, setState } from './state.js';

const MAX_UPLOAD = 10 * 1024 * 1024;
const dropzone = $('#dropzone');
const fileInput = $('#resume-file');
const picker = $('#pick-file');

picker.addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  if (f) uploadResume(f);
  fileInput.value = '';
});
['dragenter', 'dragover'].forEach((t) => dropzone.addEventListener(t, (e) => {
  e.preventDefault();
  if (!isBusy(picker)) dropzone.classList.add('over');
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
  if (isBusy(picker) || !page.sessionId) return;
  if (file.size > MAX_UPLOAD) {
    setMsg('#upload-status', `“${file.name}” is ${fmtBytes(file.size)}; the limit is 10 MB.`, 'error');
    return;
  }
  if (file.size === 0) {
    setMsg('#upload-status', `“${file.name}” is empty. Choose the file that contains your resume.`, 'error');
    return;
  }
  setBusy(picker, true);
  dropzone.classList.add('busy');
  const prog = $('#upload-progress');
  prog.hidden = false;
  $('#upload-name').textContent = file.name;
  setProgress(0);
  setMsg('#upload-status', 'Uploading…');
  try {
    const res = await upload(`/sessions/${encodeURIComponent(page.sessionId)}/resume`, file, {
      onProgress: (f) => {
        setProgress(f);
        if (f >= 1) setMsg('#upload-status', 'Reading your resume…');
      },
    });
    setProgress(1);
    setMsg('#upload-status', `✓ ${file.name} uploaded. Check the text we read from it before going on.`, 'ok');
    if (res?.state) setState(res.state);
    focusNextReview();
    await refreshFiles({ force: true, live: true });
    refreshSession();
  } catch (e) {
    setMsg('#upload-status', e.message || 'The upload failed.', 'error');
  } finally {
    setBusy(picker, false);
    dropzone.classList.remove('busy');
    prog.hidden = true;
  }
}

function setProgress(f) {
  const pct = Math.round(Math.max(0, Math.min(1, f)) * 100);
  $('#upload-bar').style.width = `${pct}%`;
  $('#upload-pct').textContent = `${pct}%`;
  $('#upload-meter').setAttribute('aria-valuenow', String(pct));
}

// A session that already has a resume says so (unless this page just said something else).
on('files', (p) => {
  const resume = p.files.find((f) => f.path === 'resume.md');
  if (resume && !$('#upload-status').textContent) setMsg('#upload-status', `✓ Resume on file (${fmtBytes(resume.size)}). Upload again to replace it.`, 'ok');
});
