// Pending approvals: the header badge, and the modal that shows one proposed change at a time
// (coloured diff, truthfulness flags, Approve / Reject with an optional reason, A / R / Esc).
import { api, ApiError } from './api.js';
import { $, h, toast } from './dom.js';
import { renderDiff, diffStats, sectionOf } from './diff.js';
import { describeCall, truthFlagsOf } from './toolcalls.js';

const FLAG_KIND = {
  skill: 'Skill', employer: 'Employer', title: 'Job title', degree: 'Degree', certification: 'Certification',
  date: 'Date', number: 'Number', name: 'Name',
};

export class Approvals {
  constructor({ getSessionId, onDecided, onCount }) {
    this.getSessionId = getSessionId;
    this.onDecided = onDecided || (() => {});
    this.onCount = onCount || (() => {});
    this.pending = [];
    this.dismissed = new Set();
    this.extra = new Map(); // approval_id -> proposal payload seen on the stream (diff, flags)
    this.current = null;
    this.busy = false;
    this.dialog = $('#approval');
    this.bind();
  }

  bind() {
    const d = this.dialog;
    $('#approval-approve').addEventListener('click', () => this.decide('approve'));
    $('#approval-reject').addEventListener('click', () => this.decide('reject'));
    $('#approval-later').addEventListener('click', () => this.later());
    $('#approval-form').addEventListener('submit', (e) => { e.preventDefault(); this.decide('reject'); });
    d.addEventListener('cancel', (e) => { e.preventDefault(); this.later(); });
    d.addEventListener('keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (typing) return;
      const k = e.key.toLowerCase();
      if (k === 'a') { e.preventDefault(); this.decide('approve'); }
      else if (k === 'r') { e.preventDefault(); this.decide('reject'); }
    });
  }

  reset() {
    this.pending = [];
    this.dismissed.clear();
    this.extra.clear();
    this.close();
    this.onCount(0);
  }

  /** Remembers what the stream said about a proposal (the approvals route may not carry flags). */
  remember(payload) {
    if (payload?.approval_id) this.extra.set(payload.approval_id, payload);
  }

  async refresh({ autoOpen = true } = {}) {
    const sid = this.getSessionId();
    if (!sid) return;
    let body;
    try {
      body = await api(`/sessions/${encodeURIComponent(sid)}/approvals`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404 && e.code !== 'not_found') return;
      throw e;
    }
    if (sid !== this.getSessionId()) return;
    const list = Array.isArray(body?.approvals) ? body.approvals : [];
    this.pending = list.filter((a) => !a.status || a.status === 'pending')
      .sort((a, b) => String(a.created_at || '').localeCompare(String(b.created_at || '')));
    this.onCount(this.pending.length, new Set(this.pending.map((a) => a.approval_id)));
    if (this.current && !this.pending.some((a) => a.approval_id === this.current.approval_id)) {
      this.current = null;
      this.showNext();
    } else if (autoOpen && !this.dialog.open) {
      this.showNext();
    }
  }

  showNext() {
    const next = this.pending.find((a) => !this.dismissed.has(a.approval_id));
    if (next) this.show(next); else this.close();
  }

  /** Opens a specific approval (from a chat card or the header badge). */
  async open(approvalId) {
    if (approvalId) this.dismissed.delete(approvalId);
    let a = this.pending.find((x) => x.approval_id === approvalId);
    if (!a) {
      await this.refresh({ autoOpen: false });
      a = this.pending.find((x) => x.approval_id === approvalId) || this.pending[0];
    }
    if (a) this.show(a);
    else toast('There is nothing waiting for your approval.');
  }

  openFirst() {
    this.dismissed.clear();
    if (this.pending.length) this.show(this.pending[0]); else toast('There is nothing waiting for your approval.');
  }

  show(a) {
    this.current = a;
    this.dialog.dataset.approvalId = a.approval_id;
    const seen = this.extra.get(a.approval_id) || {};
    const args = a.arguments || seen.arguments || {};
    const diff = a.diff || seen.diff || args.diff || '';
    const flags = truthFlagsOf(a, seen);
    const idx = this.pending.findIndex((x) => x.approval_id === a.approval_id);
    $('#approval-position').textContent = this.pending.length > 1 ? `· ${idx + 1} of ${this.pending.length}` : '';
    const section = !args.section && args.old_text ? sectionOf(diff) : null;
    $('#approval-title').textContent = (section ? `Edit the “${section}” section` : describeCall(a.tool, args))
      || `Change proposed by ${a.tool || 'the assistant'}`;
    $('#approval-rationale').textContent = args.rationale || args.reason || '';
    const st = diffStats(diff);
    const meta = [];
    if (Number.isFinite(args.score_before) && Number.isFinite(args.score_after)) meta.push(`Match score ${args.score_before} → ${args.score_after}`);
    meta.push(`${st.add} line${st.add === 1 ? '' : 's'} added, ${st.del} removed`);
    if (args.path) meta.push(`in ${args.path}`);
    $('#approval-meta').textContent = meta.join(' · ');

    const flagBox = $('#approval-flags');
    flagBox.replaceChildren();
    if (flags.length) {
      flagBox.append(
        h('h3', {}, h('span', { 'aria-hidden': 'true' }, '⚠'),
          `This edit adds ${flags.length} claim${flags.length === 1 ? '' : 's'} your resume does not support`),
        h('ul', {}, flags.map((f) => h('li', {},
          h('span', { class: 'fk' }, FLAG_KIND[f.kind] || f.kind || 'Claim'),
          h('strong', {}, `“${f.text ?? f.claim ?? ''}”`),
          f.reason ? ` — ${f.reason}` : ''))),
        h('p', { class: 'small' }, 'Approve only if every flagged claim is true. Auto-approve never applies flagged edits.'));
      flagBox.hidden = false;
    } else {
      flagBox.hidden = true;
    }
    const diffBox = $('#approval-diff');
    diffBox.replaceChildren(renderDiff(diff, flags.map((f) => f.text ?? f.claim)));
    diffBox.scrollTop = 0;
    $('#approval-reason').value = '';
    $('#approval-error').hidden = true;
    $('#approval-approve').textContent = flags.length ? 'Approve anyway' : 'Approve & apply';
    this.setBusy(false);
    if (!this.dialog.open) this.dialog.showModal();
    // Focus the dialog body so A / R work at once; the buttons stay one Tab away.
    $('#approval-diff').focus({ preventScroll: true });
  }

  later() {
    if (this.current) this.dismissed.add(this.current.approval_id);
    this.close();
    if (this.pending.length) toast(`${this.pending.length} change${this.pending.length === 1 ? '' : 's'} still waiting for you — use the badge at the top.`);
  }

  close() {
    this.current = null;
    if (this.dialog.open) this.dialog.close();
  }

  setBusy(on) {
    this.busy = on;
    for (const id of ['#approval-approve', '#approval-reject']) $(id).disabled = on;
  }

  async decide(kind) {
    const a = this.current;
    if (!a || this.busy) return;
    const sid = this.getSessionId();
    const reason = $('#approval-reason').value.trim();
    this.setBusy(true);
    (kind === 'approve' ? $('#approval-approve') : $('#approval-reject')).classList.add('busy');
    try {
      await api(`/sessions/${encodeURIComponent(sid)}/approvals/${encodeURIComponent(a.approval_id)}/${kind}`,
        { method: 'POST', body: kind === 'reject' && reason ? { reason } : {} });
      toast(kind === 'approve' ? 'Change approved — applying it to your resume.' : 'Change rejected. Your resume stays as it was.');
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        toast('This change was already decided.', { kind: 'info' });
      } else {
        const box = $('#approval-error');
        box.textContent = e.message || 'The decision could not be saved.';
        box.hidden = false;
        this.setBusy(false);
        $('#approval-approve').classList.remove('busy');
        $('#approval-reject').classList.remove('busy');
        return;
      }
    } finally {
      $('#approval-approve').classList.remove('busy');
      $('#approval-reject').classList.remove('busy');
    }
    this.pending = this.pending.filter((x) => x.approval_id !== a.approval_id);
    this.onCount(this.pending.length, new Set(this.pending.map((x) => x.approval_id)));
    this.current = null;
    this.onDecided(a, kind);
    this.setBusy(false);
    this.showNext();
  }
}
