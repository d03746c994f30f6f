// The message box under the conversation: Enter sends, Shift+Enter starts a new line, and the
// box grows with its text up to a limit.
import { $ } from './dom.js';
import { send } from './runs.js';

const form = $('#composer');
const box = $('#message');

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = box.value;
  if (!text.trim()) { box.focus(); return; }
  if (await send(text)) { box.value = ''; autosize(); }
});

box.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    form.requestSubmit();
  }
});

function autosize() {
  box.style.height = 'auto';
  box.style.height = `${Math.min(160, box.scrollHeight + 2)}px`;
}
box.addEventListener('input', autosize);
