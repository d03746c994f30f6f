// The pages of the uploaded original, shown one at a time beside the text we read: each image is
// fetched with the token (an <img> cannot send it) and shown from a blob URL; the previous page and
// next buttons move through the document. A file without pages (DOCX, Markdown, text) says so.
import { fetchPage } from './api.js';
import { $ } from './dom.js';
import { formatName } from './importReport.js';

const MIN_WIDTH = 200;
const MAX_WIDTH = 2000;

const img = $('#review-page');
const status = $('#review-page-status');
const label = $('#review-page-label');
const prev = $('#review-prev');
const next = $('#review-next');
const pager = $('#review-pager');

let view = null; // { sessionId, count, excluded: Set, page, token }
let objectURL = null;

/** Pixels to ask for: the frame's width on this screen, in steps of 100 (so the cache is reused). */
function requestedWidth() {
  const css = img.parentElement.clientWidth || 600;
  const px = Math.ceil((css * (window.devicePixelRatio || 1)) / 100) * 100;
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, px));
}

function showImage(url, page, count) {
  if (objectURL) URL.revokeObjectURL(objectURL);
  objectURL = url;
  img.src = url;
  img.alt = `Page ${page} of ${count} of your uploaded resume, as the file shows it`;
  img.hidden = false;
}

function clearImage() {
  img.hidden = true;
  img.removeAttribute('src');
  img.alt = '';
  if (objectURL) URL.revokeObjectURL(objectURL);
  objectURL = null;
}

function renderPager() {
  const { page, count, excluded } = view;
  pager.hidden = count < 2;
  label.textContent = `Page ${page} of ${count}${excluded.has(page) ? ' (left out of the import)' : ''}`;
  prev.disabled = page <= 1;
  next.disabled = page >= count;
}

async function load(page) {
  const token = {};
  view.page = page;
  view.token = token;
  renderPager();
  img.setAttribute('aria-busy', 'true');
  status.textContent = `Loading page ${page}…`;
  try {
    const res = await fetchPage(view.sessionId, page, requestedWidth());
    const blob = await res.blob();
    if (view?.token !== token) return;
    const url = URL.createObjectURL(blob);
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = () => reject(new Error('The page image could not be shown.'));
      showImage(url, page, view.count);
    });
    if (view?.token !== token) return;
    img.dataset.page = String(page);
    status.textContent = view.excluded.has(page)
      ? 'This page looks like a separate document (such as a cover letter); its text was not imported.'
      : '';
  } catch (e) {
    if (view?.token !== token) return;
    clearImage();
    status.textContent = e?.message || 'The page could not be shown.';
  } finally {
    if (view?.token === token) img.removeAttribute('aria-busy');
  }
}

/**
 * Shows the original of session `sessionId` as `report` describes it (analysis/import.json, or
 * null when none was kept): page 1 of a PDF, or a sentence for a file without pages.
 */
export function showPages(sessionId, report) {
  clearImage();
  delete img.dataset.page;
  const format = report?.format;
  if (format && format !== 'pdf') {
    view = null;
    pager.hidden = true;
    status.textContent = `There is no page image for a ${formatName(format)}: its text was read directly, so compare it with your own copy of the file.`;
    return;
  }
  view = { sessionId, count: Math.max(1, Number(report?.page_count) || 1), excluded: new Set(report?.excluded_pages || []), page: 1, token: null };
  load(1);
}

/** Forgets the pages (a new session, or the review closed). */
export function resetPages() {
  view = null;
  clearImage();
  status.textContent = '';
  pager.hidden = true;
}

prev.addEventListener('click', () => { if (view && view.page > 1) load(view.page - 1); });
next.addEventListener('click', () => { if (view && view.page < view.count) load(view.page + 1); });
