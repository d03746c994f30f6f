// The two views that many modules talk to: the conversation and the approvals dialog, made once
// and wired to each other (a chat card opens its approval; decided approvals update the cards).
import { Approvals } from './approvals.js';
import { ChatView } from './chat.js';
import { $ } from './dom.js';
import { refreshSoon } from './session.js';
import { on, page, setPending } from './state.js';

export const approvals = new Approvals({
  getSessionId: () => page.sessionId,
  onCount: (n, ids) => setPending(n, ids),
  onDecided: () => refreshSoon(),
});

export const chat = new ChatView($('#chat-log'), { onReview: (id) => approvals.open(id) });

on('pending', (_, ids) => { if (ids) chat.markPending(ids); });
