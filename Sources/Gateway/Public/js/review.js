// Step 1's review: after an upload, the import report (analysis/import.json), the pages of the
// original beside the text we read (resume.md), and two ways on — "Looks right" or "Fix the text".
// Until the person does one of them, the import waits for them (page.reviewPending): the later
// steps stay locked. What they confirmed is remembered in this browser per import, so a reload
// does not ask again; a new upload asks again.
import { fetchFile } from './api.js';
import { $, toast } from './dom.js';
import { fileKey, refreshFiles } from './documents.js';
import { renderImportReport } from './importReport.js';
import { collapseStep } from './journey.js';
import { reportError, setMsg } from './notices.js';
import { resetPages, showPages } from './pageImages.js';
import { on, page, setReviewPending } from './state.js';
import { closeEditor, editorOpen, openEditor } from './textEditor.js';
import { allows } from './workflow.js';

const REPORT = 'analysis/import.json';
const RESUME = 'resume.md';
const CONFIRMED_KEY = 'resume-agent.import-checked';
const REVIEW_STATE = 'resume_uploaded';

const panel = $('#review');
const app = $('#app');
const text = $('#review-text');
const reportBox = $('#review-report');
const openButton = $('#review-open');
const skip = $('.skip-link');

let shownKey = null; // the import on screen (its report's version)
let autoOpened = null; // the import this page opened by itself once
let focusNext = false; // the person just uploaded here: take the keyboard to the review
let markdown = '';

function confirmedImports() {
  try { return JSON.parse(localStorage.getItem(CONFIRMED_KEY) || '{}') || {}; } catch { return {}; }
}

function remember(sessionId, key) {
  const all = confirmedImports();
  all[sessionId] = key;
  const ids = Object.keys(all);
  for (const id of ids.slice(0, Math.max(0, ids.length - 50))) delete all[id]; // keep it small
  try { localStorage.setItem(CONFIRMED_KEY, JSON.stringify(all)); } catch { /* private mode: ask again next time */ }
}

const reportFile = () => page.files.find((f) => f.path === REPORT) || null;

/** Whether the import on file still waits for the person to check it. */
function pending() {
  const f = reportFile();
  return !!f && page.state === REVIEW_STATE && confirmedImports()[page.sessionId] !== fileKey(f);
}

function setOpen(open) {
  panel.hidden = !open;
  app.toggleAttribute('data-reviewing', open);
  skip.setAttribute('href', open ? '#review' : '#chat-log');
  skip.textContent = open ? 'Skip to the check of your resume' : 'Skip to conversation';
}

async function readText(sessionId, path) {
  return (await fetchFile(sessionId, path)).text();
}

/** Opens the review of the import on file; `focus` moves the keyboard to its heading. */
export async function openReview({ focus = true } = {}) {
  const sessionId = page.sessionId;
  const gen = page.generation;
  if (!sessionId) return;
  closeEditor();
  setOpen(true);
  reportBox.replaceChildren();
  text.textContent = 'Loading the text we read…';
  $('#review-text-status').textContent = '';
  if (focus) $('#review-title').focus();
  const f = reportFile();
  let report = null;
  try {
    if (f) report = JSON.parse(await readText(sessionId, REPORT));
  } catch (e) {
    if (e?.status !== 404) reportError(e);
  }
  if (!page.isCurrent(gen)) return;
  shownKey = f ? fileKey(f) : null;
  if (report) reportBox.replaceChildren(renderImportReport(report));
  else reportBox.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted small', textContent: 'No import report was kept for this upload; compare the text with your file.' }));
  showPages(sessionId, report);
  try {
    markdown = await readText(sessionId, RESUME);
    if (!page.isCurrent(gen)) return;
    text.textContent = markdown;
  } catch (e) {
    if (!page.isCurrent(gen)) return;
    markdown = '';
    text.textContent = e?.message || 'The text could not be loaded.';
  }
}

/** The next review that opens by itself follows an upload made on this page: it gets the focus. */
export function focusNextReview() {
  focusNext = true;
}

/** Closes the panel (the import may still wait to be checked: step 1 says so). */
export function closeReview() {
  closeEditor();
  setOpen(false);
  resetPages();
  reportBox.replaceChildren();
  text.textContent = '';
  shownKey = null;
}

function confirm() {
  const f = reportFile();
  if (f) remember(page.sessionId, fileKey(f));
  closeReview();
  setReviewPending(pending());
  collapseStep('upload_resume');
  setMsg('#upload-status', '✓ Checked: the text we read is your resume. Next, add the job description.', 'ok');
  (page.reviewPending ? openButton : $('#jd-text'))?.focus();
}

async function saved(res) {
  const gen = page.generation;
  $('#review-text-status').textContent = res?.preview
    ? 'Saved. The preview shows your text, and later edits are checked against it.'
    : 'Saved, but the preview could not be refreshed yet.';
  try {
    markdown = await readText(page.sessionId, RESUME);
    if (page.isCurrent(gen)) text.textContent = markdown;
  } catch (e) {
    reportError(e);
  }
  refreshFiles({ force: true }).catch(reportError);
  toast('Your corrected text is saved.');
  $('#review-confirm').focus();
}

function showEditor() {
  $('#review-actions').hidden = true;
  text.hidden = true;
  openEditor(markdown, {
    onSaved: saved,
    onClosed: ({ saved }) => {
      text.hidden = false;
      $('#review-actions').hidden = false;
      if (!saved) $('#review-edit').focus();
    },
  });
}

$('#review-confirm').addEventListener('click', confirm);
$('#review-edit').addEventListener('click', showEditor);
$('#review-close').addEventListener('click', () => {
  closeReview();
  openButton.focus();
});
openButton.addEventListener('click', () => openReview());

// The import on file changed (an upload, a new session): does it wait for the person?
function follow() {
  const f = reportFile();
  openButton.hidden = !f;
  const waiting = pending();
  setReviewPending(waiting);
  const key = f ? fileKey(f) : null;
  const focus = focusNext;
  focusNext = false;
  if (waiting && autoOpened !== `${page.sessionId}|${key}`) {
    autoOpened = `${page.sessionId}|${key}`;
    openReview({ focus }).catch(reportError);
  } else if (!panel.hidden && key !== shownKey && !editorOpen()) {
    if (f) openReview({ focus: false }).catch(reportError); else closeReview();
  }
}

on('files', follow);
on('state', (p) => {
  setReviewPending(pending());
  // Say why "Fix the text" is off once the workflow no longer allows it.
  $('#review-edit-hint').hidden = allows('correct_resume', p.state);
});
