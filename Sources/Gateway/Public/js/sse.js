// Reads a run's event stream with fetch (EventSource cannot send the Authorization header),
// parses Server-Sent Events itself, and reconnects with Last-Event-ID until the terminal event.
// Every event is delivered once, in order: anything at or below the last seen `seq` is dropped.

import { API, authHeaders, errorFrom, networkError } from './api.js';
import { delay } from './dom.js';

const IDLE_LIMIT_MS = 45000; // the server pings every 15 s; three missed pings = dead connection

/** Incremental SSE parser: feed text chunks, get {id, event, data} objects. */
export class SSEParser {
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.buffer = '';
    this.reset();
  }
  reset() { this.data = []; this.event = ''; this.id = null; }
  feed(chunk) {
    this.buffer += chunk;
    let nl;
    while ((nl = this.buffer.search(/\r\n|\n|\r/)) >= 0) {
      // A lone '\r' at the end may be the first half of '\r\n': wait for more.
      if (this.buffer[nl] === '\r' && nl === this.buffer.length - 1) break;
      const sepLen = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + sepLen);
      this.line(line);
    }
  }
  line(line) {
    if (line === '') {
      if (this.data.length) this.onMessage({ id: this.id, event: this.event || 'message', data: this.data.join('\n') });
      this.reset();
      return;
    }
    if (line.startsWith(':')) return; // comment / keep-alive ping
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }
}

export class RunStream {
  /**
   * @param {object} o
   * @param {string} o.sessionId
   * @param {string} o.runId
   * @param {(env: object) => void} o.onEvent   each envelope, once, in seq order
   * @param {(type: string) => boolean} o.isTerminal  whether an event type ends the run (from the workflow)
   * @param {(status: string, info?: any) => void} [o.onStatus]  'connecting' | 'live' | 'reconnecting' | 'closed' | 'error'
   * @param {number} [o.afterSeq]  events at or below this seq are already known
   * @param {string} [o.lastEventId]
   */
  constructor({ sessionId, runId, onEvent, isTerminal, onStatus, afterSeq = 0, lastEventId = null }) {
    Object.assign(this, { sessionId, runId, onEvent, isTerminal, onStatus: onStatus || (() => {}) });
    this.lastSeq = afterSeq;
    this.lastEventId = lastEventId;
    this.done = false;
    this.stopped = false;
    this.stopCtrl = new AbortController();
  }

  get url() {
    return `${API}/sessions/${encodeURIComponent(this.sessionId)}/runs/${encodeURIComponent(this.runId)}/stream`;
  }

  /** Runs until the terminal event (resolves 'done'), stop() ('stopped'), or a permanent error (rejects). */
  async start() {
    let attempt = 0;
    while (!this.done && !this.stopped) {
      const before = this.lastSeq;
      try {
        this.onStatus(attempt ? 'reconnecting' : 'connecting', attempt);
        await this.connectOnce();
      } catch (err) {
        if (this.stopped) break;
        const permanent = err?.status && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429;
        if (permanent) { this.onStatus('error', err); throw err; }
      }
      if (this.done || this.stopped) break;
      if (this.lastSeq > before) attempt = 0; // progress was made: retry quickly
      attempt += 1;
      this.onStatus('reconnecting', attempt);
      const wait = Math.min(10000, 400 * 2 ** Math.min(attempt - 1, 5)) + Math.random() * 250;
      await delay(wait, this.stopCtrl.signal);
      if (typeof navigator !== 'undefined' && navigator.onLine === false && !this.stopped) {
        await new Promise((r) => {
          const go = () => { window.removeEventListener('online', go); r(); };
          window.addEventListener('online', go);
          this.stopCtrl.signal.addEventListener('abort', go, { once: true });
        });
      }
    }
    this.onStatus('closed');
    return this.stopped && !this.done ? 'stopped' : 'done';
  }

  stop() {
    this.stopped = true;
    this.stopCtrl.abort();
    this.connCtrl?.abort();
  }

  async connectOnce() {
    const ctrl = new AbortController();
    this.connCtrl = ctrl;
    const abortOnStop = () => ctrl.abort();
    this.stopCtrl.signal.addEventListener('abort', abortOnStop, { once: true });
    const headers = authHeaders({ Accept: 'text/event-stream' });
    let url = this.url;
    if (this.lastEventId) headers['Last-Event-ID'] = this.lastEventId;
    else if (this.lastSeq > 0) url += `?after=${this.lastSeq}`;
    let idle;
    const armIdle = () => { clearTimeout(idle); idle = setTimeout(() => ctrl.abort(), IDLE_LIMIT_MS); };
    try {
      let res;
      try {
        res = await fetch(url, { headers, signal: ctrl.signal, cache: 'no-store' });
      } catch (e) {
        throw e?.name === 'AbortError' ? e : networkError();
      }
      if (!res.ok) throw await errorFrom(res);
      if (!res.body) throw networkError();
      this.onStatus('live');
      armIdle();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SSEParser((m) => this.dispatch(m));
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        armIdle();
        parser.feed(decoder.decode(value, { stream: true }));
        if (this.done) { ctrl.abort(); break; }
      }
    } finally {
      clearTimeout(idle);
      this.stopCtrl.signal.removeEventListener('abort', abortOnStop);
    }
  }

  dispatch(message) {
    if (this.done) return;
    let env;
    try { env = JSON.parse(message.data); } catch { return; }
    if (!env || typeof env !== 'object') return;
    if (!env.type) env.type = message.event;
    const seq = Number(env.seq);
    if (Number.isFinite(seq) && seq <= this.lastSeq) return; // already delivered
    if (Number.isFinite(seq)) this.lastSeq = seq;
    this.lastEventId = env.event_id || message.id || this.lastEventId;
    if (this.isTerminal(env.type)) this.done = true;
    try { this.onEvent(env); } catch (e) { console.error('event handler failed', e); }
  }
}
