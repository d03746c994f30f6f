// The dashboard's tables and panels, each drawn from the reports the API returned. Every
// money cell carries its exact number in data-usd (the text is rounded for reading).
import { $, el, fillRows } from './dom.js';
import { bytes, count, percent, usd } from './format.js';

export const WINDOWS = [
  { since: 'today', label: 'Today' },
  { since: '7d', label: 'Last 7 days' },
  { since: '30d', label: 'Last 30 days' },
];

function money(value, attrs = {}) {
  return el('td', { className: 'num', text: usd(value), attrs: { 'data-usd': String(value), ...attrs } });
}

/** Cost per tenant in each window, with the totals. */
export function renderTotals(reports) {
  const tenants = new Map();
  for (const { since } of WINDOWS) {
    for (const t of reports[since].tenants) if (!tenants.has(t.tenant_id)) tenants.set(t.tenant_id, t.tenant);
  }
  const costOf = (since, id) => reports[since].tenants.find((t) => t.tenant_id === id)?.cost_usd ?? 0;
  const ordered = [...tenants].sort((a, b) => costOf('30d', b[0]) - costOf('30d', a[0]) || a[1].localeCompare(b[1]));
  const table = $('#totals-table');
  fillRows(table.tBodies[0], ordered.map(([id, name]) => el('tr', { attrs: { 'data-tenant': name } }, [
    el('th', { text: name, attrs: { scope: 'row' } }),
    ...WINDOWS.map(({ since }) => money(costOf(since, id), { 'data-window': since })),
  ])), 4, 'No tenants yet.');
  table.tFoot.replaceChildren(el('tr', { attrs: { 'data-total': 'true' } }, [
    el('th', { text: 'All tenants', attrs: { scope: 'row' } }),
    ...WINDOWS.map(({ since }) => money(reports[since].total_cost_usd, { 'data-window': since })),
  ]));
}

/** "3 of 1,000" against a limit, or the figure alone when there is none. */
function ofLimit(used, limit, format = count) {
  return limit == null ? `${format(used)} (no limit)` : `${format(used)} of ${format(limit)}`;
}

/** Each tenant's spend today against its daily budget, and its quotas in use. */
export function renderBudgets(report) {
  const list = $('#budgets');
  list.replaceChildren(...report.budgets.map((b) => {
    const limit = b.daily_budget_usd;
    const fraction = limit > 0 ? b.spent_today_usd / limit : (b.exhausted ? 1 : 0);
    const state = b.exhausted ? 'over' : fraction >= 0.8 ? 'near' : '';
    const figure = limit == null
      ? `${usd(b.spent_today_usd)} today · no daily budget`
      : `${usd(b.spent_today_usd)} of ${usd(limit)} (${percent(fraction)})${b.exhausted ? ' · spent: new runs refused' : ''}`;
    const fill = el('span');
    fill.style.width = `${Math.min(100, fraction * 100).toFixed(2)}%`;
    return el('li', { className: `budget ${state}`.trim(), attrs: {
      'data-tenant': b.tenant, 'data-spent-usd': String(b.spent_today_usd), 'data-budget-usd': limit == null ? '' : String(limit),
      'data-sessions': String(b.sessions), 'data-storage-bytes': String(b.storage_bytes),
    } }, [
      el('div', { className: 'budget-head' }, [
        el('span', { className: 'budget-name', text: b.tenant }),
        el('span', { className: 'budget-figure', text: figure }),
      ]),
      el('div', { className: 'meter', attrs: { 'aria-hidden': 'true' } }, [fill]),
      el('p', { className: 'quotas muted small', text: [
        `Budget left ${limit == null ? 'unlimited' : usd(b.budget_left_usd)}`,
        `sessions ${ofLimit(b.sessions, b.max_sessions)}`,
        `storage ${ofLimit(b.storage_bytes, b.storage_limit_bytes, bytes)}`,
        `runs now ${ofLimit(b.active_runs, b.max_concurrent_runs)}`,
        b.requests_per_minute == null ? 'no request rate limit' : `${count(b.requests_per_minute)} requests a minute per token`,
      ].join(' · ') }),
    ]);
  }));
  if (!report.budgets.length) list.append(el('li', { className: 'muted', text: 'No tenants yet.' }));
}

/** The worker pool as the gateway sees it now. */
export function renderPool(report) {
  const p = report.pool;
  const items = [
    ['Idle workers', count(p.idle_workers)],
    ['Busy workers', count(p.busy_workers)],
    ['Runs waiting for a worker', count(p.queue_depth)],
    ['Active runs', count(p.active_runs)],
    ['State', p.draining ? 'Draining' : 'Taking work'],
  ];
  // dt and dd straight in the dl (no wrapping div): every axe version the tests run accepts that.
  $('#pool').replaceChildren(...items.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));
}

/** Runs, outcomes, top sessions and models over one window. */
export function renderPeriod(report, label) {
  $('#period-note').textContent = `${label}: since ${report.since.slice(0, 16).replace('T', ' ')} UTC.`;
  fillRows($('#runs-table').tBodies[0], report.tenants.map((t) => el('tr', { attrs: { 'data-tenant': t.tenant } }, [
    el('th', { text: t.tenant, attrs: { scope: 'row' } }),
    el('td', { className: 'num', text: count(t.runs), attrs: { 'data-count': String(t.runs) } }),
    el('td', { className: 'num', text: count(t.failed_runs) }),
    el('td', { className: 'num', text: count(t.interrupted_runs) }),
    el('td', { className: 'num', text: count(t.input_tokens) }),
    el('td', { className: 'num', text: count(t.output_tokens) }),
  ])), 6, 'No tenants yet.');
  fillRows($('#outcomes-table').tBodies[0], report.outcomes.map((o) => el('tr', { attrs: { 'data-status': o.status } }, [
    el('td', { text: o.status }),
    el('td', { text: o.reason ?? '—' }),
    el('td', { className: 'num', text: count(o.count), attrs: { 'data-count': String(o.count) } }),
  ])), 3, 'No run ended in this period.');
  fillRows($('#sessions-table').tBodies[0], report.top_sessions.map((s) => el('tr', {}, [
    el('td', { className: 'mono', text: s.session_id }),
    el('td', { text: s.tenant }),
    money(s.cost_usd),
  ])), 3, 'No session spent anything in this period.');
  fillRows($('#models-table').tBodies[0], report.models.map((m) => el('tr', {}, [
    el('td', { text: m.provider || '—' }),
    el('td', { className: 'mono', text: m.model || '—' }),
    money(m.cost_usd),
    el('td', { className: 'num', text: count(m.input_tokens) }),
    el('td', { className: 'num', text: count(m.output_tokens) }),
  ])), 5, 'No model was used in this period.');
}
