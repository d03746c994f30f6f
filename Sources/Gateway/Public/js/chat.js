// The conversation: user messages, streaming assistant text, tool activity as compact cards,
// and one closing line per run. A view only: which event calls which method is decided by the
// dispatch table in events.js; this file knows how each thing looks.
import { h, fmtUSD, fmtInt } from './dom.js';
import { describeCall, iconFor, toolLabel, truthFlagsOf } from './toolcalls.js';

const INTERRUPT_TEXT = {
  user: 'Stopped by you.',
  timeout: 'Stopped: this request hit its time limit.',
  cost_cap: 'Stopped: this session reached its spending limit.',
  step_limit: 'Stopped: the assistant reached its step limit for one request.',
  repeated_call: 'Stopped: the assistant kept repeating the same action. Try rephrasing your request.',
  approval_timeout: 'Stopped: a proposed change waited too long for a decision.',
  shutdown: 'Stopped: the server restarted. Send your message again to continue.',
};
const FAIL_TEXT = {
  worker_crashed: 'The assistant stopped unexpectedly. Your files are safe; send your message again.',
  provider_error: 'The language model could not answer. Try again in a moment.',
  internal: 'Something went wrong on the server. Try again.',
};

/**
 * Renders the small Markdown subset the assistant uses: **bold**, `code`; everything else stays
 * text (line breaks are kept by CSS). Built with text nodes only, so model output is never HTML.
 */
export function renderInline(el, raw) {
  const parts = [];
  const re = /\*\*([^*\n][^*]*?)\*\*|`([^`\n]+)`/g;
  let last = 0;
  let m;
  while ((m = re.exec(raw))) {
    if (m.index > last) parts.push(raw.slice(last, m.index));
    parts.push(m[1] != null ? h('strong', {}, m[1]) : h('code', {}, m[2]));
    last = re.lastIndex;
  }
  if (last < raw.length) parts.push(raw.slice(last));
  el.replaceChildren(...parts);
}

export class ChatView {
  constructor(log, { onReview } = {}) {
    this.log = log;
    this.onReview = onReview || (() => {});
    this.runs = new Map();
  }

  clear() {
    this.runs.clear();
    this.log.querySelectorAll('.run').forEach((n) => n.remove());
    this.updateEmpty();
  }

  updateEmpty() {
    const empty = this.log.querySelector('#chat-empty');
    if (empty) empty.hidden = this.runs.size > 0;
  }

  nearBottom() {
    return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 120;
  }

  scroll(force = false) {
    if (force || this.stick) this.log.scrollTop = this.log.scrollHeight;
  }

  run(runId, content) {
    let r = this.runs.get(runId);
    if (!r) {
      const el = h('article', { class: 'run', dataset: { runId }, 'aria-label': 'Request' });
      r = { el, lastSeq: 0, text: null, segments: [], tools: new Map(), typing: null, ended: false };
      this.runs.set(runId, r);
      this.log.append(el);
      this.updateEmpty();
    }
    if (content && !r.user) {
      r.user = h('div', { class: 'msg user' }, content);
      r.el.prepend(r.user);
    }
    return r;
  }

  /** Shows the "working" dots until the first output of a live run. */
  setWorking(r, on) {
    if (on && !r.typing && !r.ended) {
      r.typing = h('div', { class: 'typing', role: 'status', 'aria-label': 'The assistant is working' }, h('span'), h('span'), h('span'));
      r.el.append(r.typing);
    } else if (!on && r.typing) {
      r.typing.remove();
      r.typing = null;
    }
    if (r.typing) r.el.append(r.typing); // keep it last
  }

  /** Starts applying an envelope: its run's view, or null when it was already shown (by seq). */
  accept(env) {
    this.stick = this.nearBottom();
    const r = this.run(env.run_id);
    const seq = Number(env.seq);
    if (Number.isFinite(seq)) {
      if (seq <= r.lastSeq) return null;
      r.lastSeq = seq;
    }
    return r;
  }

  /** Finishes applying an envelope: the working dots stay last, the log follows the end. */
  settle(r, live) {
    if (live && r.typing) r.el.append(r.typing);
    this.scroll();
  }

  started(r, live) {
    r.el.classList.add('streaming');
    this.setWorking(r, live);
  }

  appendText(r, text) {
    if (!r.text) {
      const el = h('div', { class: 'assistant-text', dataset: { runId: r.el.dataset.runId } });
      el.raw = '';
      r.text = el;
      r.segments.push(el);
      r.el.append(h('div', { class: 'msg assistant' }, el));
    }
    r.text.raw += text;
    renderInline(r.text, r.text.raw);
    r.el.classList.add('streaming');
    this.setWorking(r, false);
  }

  toolProposed(r, p) {
    r.text = null; // later text starts a new bubble below the card
    const flags = truthFlagsOf(p);
    const needs = !!p.requires_approval;
    const badge = h('span', { class: `badge ${needs ? 'warn' : 'run'}` }, needs ? 'Needs approval' : 'Running');
    const summary = h('div', { class: 'tool-summary' }, describeCall(p.tool, p.arguments));
    const card = h('div', {
      class: `tool${needs ? ' pending' : ''}${flags.length ? ' flagged' : ''}`,
      dataset: { toolCallId: p.tool_call_id || '', approvalId: p.approval_id || '', tool: p.tool || '' },
    },
    h('span', { class: 'tool-icon', 'aria-hidden': 'true' }, iconFor(p.tool)),
    h('span', { class: 'tool-name' }, toolLabel(p.tool), ' ', h('code', { class: 'tool-id' }, p.tool || '')),
    badge, summary);
    if (needs && p.approval_id) {
      const btn = h('button', { type: 'button', class: 'btn btn-warn btn-sm tool-action', onclick: () => this.onReview(p.approval_id) },
        flags.length ? `Review change (${flags.length} flag${flags.length === 1 ? '' : 's'})` : 'Review change');
      card.append(btn);
    }
    r.tools.set(p.tool_call_id, { card, badge, summary });
    this.setWorking(r, false);
    r.el.append(card);
  }

  toolApproved(r, p) {
    const auto = p.by === 'auto';
    this.toolStatus(r, p.tool_call_id, auto ? 'Auto-approved' : 'Approved', 'run', null, { approved: true });
    const t = r.tools.get(p.tool_call_id);
    if (t) t.card.dataset.decision = auto ? 'auto' : 'approved';
  }

  toolRejected(r, p) {
    this.toolStatus(r, p.tool_call_id, 'Rejected', 'err', p.reason ? `Not applied. Your reason: ${p.reason}` : 'Not applied.', { rejected: true });
    const t = r.tools.get(p.tool_call_id);
    if (t) t.card.dataset.decision = 'rejected';
  }

  toolResult(r, p) {
    const decision = r.tools.get(p.tool_call_id)?.card.dataset.decision;
    const label = !p.ok ? 'Failed' : decision === 'auto' ? 'Auto-applied' : decision === 'approved' ? 'Applied' : 'Done';
    this.toolStatus(r, p.tool_call_id, label, p.ok ? 'ok' : 'err', p.summary || null);
  }

  toolStatus(r, id, label, kind, summaryText, { approved, rejected } = {}) {
    const t = r.tools.get(id);
    if (!t) return;
    t.badge.className = `badge ${kind}`;
    t.badge.textContent = label;
    if (summaryText) t.summary.textContent = summaryText;
    if (approved || rejected || kind === 'ok' || kind === 'err') {
      t.card.classList.remove('pending');
      t.card.querySelector('.tool-action')?.remove();
    }
  }

  /** Marks approvals decided elsewhere (another tab, auto-approve) as no longer actionable. */
  markPending(pendingIds) {
    for (const r of this.runs.values()) {
      for (const t of r.tools.values()) {
        const id = t.card.dataset.approvalId;
        if (!id) continue;
        const btn = t.card.querySelector('.tool-action');
        if (btn && !pendingIds.has(id)) {
          // Let the stream's approved/rejected event set the final label; just drop the button.
          btn.remove();
          t.card.classList.remove('pending');
        }
      }
    }
  }

  completed(r, usage) {
    const u = usage || {};
    const tokens = (Number(u.input_tokens) || 0) + (Number(u.output_tokens) || 0);
    this.end(r, 'ok', `Completed${tokens ? ` · ${fmtInt(tokens)} tokens` : ''}${u.cost_usd != null ? ` · ${fmtUSD(u.cost_usd)}` : ''}`);
  }

  interrupted(r, reason) {
    this.end(r, reason === 'user' ? 'muted' : 'warn', INTERRUPT_TEXT[reason] || `Stopped (${reason || 'interrupted'}).`);
  }

  failed(r, p) {
    this.end(r, 'err', p.error?.message || FAIL_TEXT[p.reason] || 'The request failed.');
  }

  end(r, kind, text) {
    this.setWorking(r, false);
    r.ended = true;
    r.el.classList.remove('streaming');
    for (const t of r.tools.values()) {
      if (t.badge.textContent === 'Running' || t.badge.textContent === 'Needs approval') {
        t.badge.className = 'badge';
        t.badge.textContent = 'Not run';
        t.card.classList.remove('pending');
        t.card.querySelector('.tool-action')?.remove();
      }
    }
    r.el.querySelector('.run-end')?.remove();
    r.el.append(h('div', { class: `run-end ${kind}`, role: kind === 'err' || kind === 'warn' ? 'alert' : null }, text));
  }

  /** The run's whole assistant text, exactly as streamed (Markdown source; used by tests and for copy). */
  textOf(runId) {
    const r = this.runs.get(runId);
    if (!r) return '';
    return r.segments.map((n) => n.raw).join('');
  }
}
