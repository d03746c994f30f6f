// "Fix the text": the person corrects what we read from their upload, in a labelled text area,
// and saves it (PUT …/resume/text). The saved text becomes resume.md and the original that later
// rewrites are checked against; the server's own sentence is shown when it refuses.
import { api } from './api.js';
import { isBusy, setBusy } from './controls.js';
import { $ } from './dom.js';
import { page } from './state.js';

/** Characters the server accepts at most (its schema says the same). */
const MAX_CHARS = 100_000;

const form = $('#review-editor');
const area = $('#review-markdown');
const error = $('#review-editor-error');
const save = $('#review-save');
const cancel = $('#review-cancel');

let handlers = { onSaved: null, onClosed: null };

function showError(text) {
  error.textContent = text || '';
  error.hidden = !text;
  area.setAttribute('aria-invalid', text ? 'true' : 'false');
}

/**
 * Opens the editor on `markdown`. `onClosed({ saved })` runs when it closes (cancelled, or after a
 * save), then `onSaved(response)` after a save.
 */
export function openEditor(markdown, { onSaved, onClosed }) {
  handlers = { onSaved, onClosed };
  area.value = markdown;
  showError('');
  form.hidden = false;
  area.focus();
  area.setSelectionRange(0, 0);
  area.scrollTop = 0;
}

export function closeEditor({ saved = false } = {}) {
  const wasOpen = !form.hidden;
  form.hidden = true;
  showError('');
  if (wasOpen) handlers.onClosed?.({ saved });
}

export const editorOpen = () => !form.hidden;

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  if (isBusy(save) || !page.sessionId) return;
  const text = area.value;
  if (!text.trim()) {
    showError('The text is empty. Put back your resume’s text, or cancel to keep what we read.');
    area.focus();
    return;
  }
  if ([...text].length > MAX_CHARS) {
    showError(`The text is longer than ${MAX_CHARS.toLocaleString('en-US')} characters; a resume is much shorter. Remove what does not belong to it.`);
    area.focus();
    return;
  }
  setBusy(save, true);
  save.classList.add('busy');
  showError('');
  try {
    const res = await api(`/sessions/${encodeURIComponent(page.sessionId)}/resume/text`, { method: 'PUT', body: { markdown: text } });
    const { onSaved } = handlers;
    closeEditor({ saved: true });
    await onSaved?.(res);
  } catch (err) {
    showError(err.message || 'The text could not be saved.');
    area.focus();
  } finally {
    setBusy(save, false);
    save.classList.remove('busy');
  }
});

cancel.addEventListener('click', () => closeEditor());
area.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') { e.preventDefault(); closeEditor(); }
});
