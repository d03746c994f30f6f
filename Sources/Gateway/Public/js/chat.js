// The conversation: user messages, streaming assistant text, tool activity as compact cards,
// and one closing line per run. Fed with event envelopes (live or replayed), deduplicated by seq.
import { h, fmtUSD, fmtInt } from './dom.js';

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

const TOOL_ICON = { read: '⟲', write: '✎', analy: '◎', export: '⇩', propose: '✎', edit: '✎', list: '≡', fetch: '⇣' };
function iconFor(tool) {
  const t = String(tool || '').toLowerCase();
  for (const [k, v] of Object.entries(TOOL_ICON)) if (t.includes(k)) return v;
  return '•';
}

/** A one-line description of what a tool call is about. */
export function describeCall(tool, args) {
  const a = args && typeof args === 'object' ? args : {};
  if (a.title || a.summary || a.description) return a.title || a.summary || a.description;
  if (a.section) return `Rewrite the “${a.section}” section`;
  if (a.old_text && a.new_text) return `Edit: “${clip(a.old_text, 48)}”`;
  if (a.format) return `Export as ${String(a.format).toUpperCase()}`;
  if (a.path) return String(a.path);
  return '';
}

function clip(text, n) {
  const t = String(text).replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

const TOOL_LABEL = {
  read_resume: 'Read your resume',
  read_job_description: 'Read the job description',
  analyze_gap: 'Analyze gaps',
  propose_resume_edit: 'Propose an edit',
  render_preview: 'Render preview',
  export_resume: 'Export',
  list_files: 'List files',
  read_file: 'Read a file',
  write_file: 'Write a file',
};
export function toolLabel(tool) {
  return TOOL_LABEL[tool] || String(tool || 'tool').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

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

export function truthFlagsOf(...sources) {
  for (const s of sources) {
    if (!s || typeof s !== 'object') continue;
    const f = s.truth_flags ?? s.arguments?.truth_flags;
    if (Array.isArray(f) && f.length) return f;
  }
  return [];
}

export class ChatView {
  constructor(log, { onReview } = {}) {
    this.log = log;
    this.onReview = onReview || (() => {});
    this.runs = new Map();
  }

  clear() {
    this.runs.clear();
    this.log.querySelectorAll('.run, .system-note').forEach((n) => n.remove());
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
      const el = h('section', { class: 'run', dataset: { runId }, 'aria-label': 'Request' });
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

  /** Applies one envelope. Returns false when it was a duplicate. */
  handle(env, { live = true } = {}) {
    this.stick = this.nearBottom();
    const r = this.run(env.run_id);
    const seq = Number(env.seq);
    if (Number.isFinite(seq)) {
      if (seq <= r.lastSeq) return false;
      r.lastSeq = seq;
    }
    const p = env.payload || {};
    switch (env.type) {
      case 'run_started':
        r.el.classList.add('streaming');
        this.setWorking(r, live);
        break;
      case 'assistant_delta': {
        if (!r.text) {
          const text = h('div', { class: 'assistant-text', dataset: { runId: env.run_id } });
          text.raw = '';
          r.text = text;
          r.segments.push(text);
          r.el.append(h('div', { class: 'msg assistant' }, text));
        }
        r.text.raw += String(p.text ?? '');
        renderInline(r.text, r.text.raw);
        r.el.classList.add('streaming');
        this.setWorking(r, false);
        break;
      }
      case 'tool_call_proposed': this.toolProposed(r, p); break;
      case 'tool_call_approved': {
        const auto = p.by === 'auto';
        this.toolStatus(r, p.tool_call_id, auto ? 'Auto-approved' : 'Approved', 'run', null, { approved: true });
        const t = r.tools.get(p.tool_call_id);
        if (t) t.card.dataset.decision = auto ? 'auto' : 'approved';
        break;
      }
      case 'tool_call_rejected': {
        this.toolStatus(r, p.tool_call_id, 'Rejected', 'err', p.reason ? `Not applied. Your reason: ${p.reason}` : 'Not applied.', { rejected: true });
        const t = r.tools.get(p.tool_call_id);
        if (t) t.card.dataset.decision = 'rejected';
        break;
      }
      case 'tool_result': {
        const t = r.tools.get(p.tool_call_id);
        const decision = t?.card.dataset.decision;
        const label = !p.ok ? 'Failed' : decision === 'auto' ? 'Auto-applied' : decision === 'approved' ? 'Applied' : 'Done';
        this.toolStatus(r, p.tool_call_id, label, p.ok ? 'ok' : 'err', p.summary || null, { tool: p.tool });
        break;
      }
      case 'run_completed': {
        const u = p.usage || {};
        const tokens = (Number(u.input_tokens) || 0) + (Number(u.output_tokens) || 0);
        this.end(r, 'ok', `Completed${tokens ? ` · ${fmtInt(tokens)} tokens` : ''}${u.cost_usd != null ? ` · ${fmtUSD(u.cost_usd)}` : ''}`);
        break;
      }
      case 'run_interrupted':
        this.end(r, p.reason === 'user' ? 'muted' : 'warn', INTERRUPT_TEXT[p.reason] || `Stopped (${p.reason || 'interrupted'}).`);
        break;
      case 'run_failed':
        this.end(r, 'err', p.error?.message || FAIL_TEXT[p.reason] || 'The request failed.');
        break;
      default:
        break; // state_changed, usage_updated, …: reflected elsewhere in the page
    }
    if (live && r.typing) r.el.append(r.typing);
    this.scroll();
    return true;
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

  note(text) {
    this.log.append(h('div', { class: 'system-note' }, text));
    this.scroll(true);
  }

  /** The run's whole assistant text, exactly as streamed (Markdown source; used by tests and for copy). */
  textOf(runId) {
    const r = this.runs.get(runId);
    if (!r) return '';
    return r.segments.map((n) => n.raw).join('');
  }
}
