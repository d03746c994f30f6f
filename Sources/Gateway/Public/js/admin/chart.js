// Cost per UTC day over the 30-day report as stacked bars, one colour per tenant, drawn as
// plain SVG (no library, no outside request), with a title, a description and the same numbers
// as a table for whoever cannot see the bars.
import { $, el, svg } from './dom.js';
import { usd } from './format.js';

const WIDTH = 760;
const HEIGHT = 280;
const MARGIN = { top: 14, right: 12, bottom: 34, left: 66 };
/** Tenants with their own colour; the rest share "Other tenants". */
const NAMED_SERIES = 7;

/** Every UTC day from the report's start to the day it was made, as `YYYY-MM-DD`. */
export function daysOf(report) {
  const days = [];
  const first = Date.parse(`${report.since.slice(0, 10)}T00:00:00Z`);
  const last = Date.parse(`${report.generated_at.slice(0, 10)}T00:00:00Z`);
  for (let t = first; t <= last && days.length < 400; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The series: tenants that spent something, costliest first; past NAMED_SERIES they are grouped. */
export function seriesOf(report) {
  const spent = report.tenants.filter((t) => t.cost_usd > 0).map((t) => t.tenant);
  const named = spent.slice(0, NAMED_SERIES);
  const rest = new Set(spent.slice(NAMED_SERIES));
  const series = named.map((name, index) => ({ label: name, className: `series-${index}`, tenants: new Set([name]) }));
  if (rest.size) series.push({ label: `Other tenants (${rest.size})`, className: `series-${NAMED_SERIES}`, tenants: rest });
  return series;
}

/** cost[day][seriesIndex] from the report's per-day rows. */
function matrix(report, days, series) {
  const cost = Object.fromEntries(days.map((d) => [d, series.map(() => 0)]));
  for (const row of report.days) {
    const index = series.findIndex((s) => s.tenants.has(row.tenant));
    if (index >= 0 && cost[row.day]) cost[row.day][index] += row.cost_usd;
  }
  return cost;
}

/** A round step for about four gridlines. */
function niceStep(max) {
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * magnitude;
}

function tickLabel(value, step) {
  const decimals = Math.min(6, Math.max(2, Math.ceil(-Math.log10(step)) + 1));
  return `$${value.toFixed(value === 0 ? 2 : decimals)}`;
}

/** Draws the chart, its legend and its table from the 30-day report. */
export function renderChart(report) {
  const days = daysOf(report);
  const series = seriesOf(report);
  const cost = matrix(report, days, series);
  const totals = days.map((d) => cost[d].reduce((a, b) => a + b, 0));
  const maxTotal = Math.max(0, ...totals);
  const step = maxTotal > 0 ? niceStep(maxTotal) : 1;
  const top = maxTotal > 0 ? step * Math.ceil(maxTotal / step) : 1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.68);
  const y = (v) => MARGIN.top + plotH - (v / top) * plotH;

  const busiest = totals.indexOf(maxTotal);
  const sum = totals.reduce((a, b) => a + b, 0);
  const description = maxTotal > 0
    ? `Stacked bars, one per UTC day from ${days[0]} to ${days[days.length - 1]}, one colour per tenant (${series.map((s) => s.label).join(', ')}). `
      + `In all ${usd(sum)}; the costliest day was ${days[busiest]} with ${usd(maxTotal)}. The table below has every number.`
    : `No cost was recorded from ${days[0]} to ${days[days.length - 1]}.`;

  const grid = [];
  for (let v = 0; v <= top + step / 2; v += step) {
    grid.push(svg('line', { class: 'gridline', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v) }));
    grid.push(svg('text', { x: MARGIN.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, [tickLabel(v, step)]));
  }
  const labelEvery = Math.ceil(days.length / 8);
  const bars = [];
  days.forEach((day, i) => {
    const x = MARGIN.left + i * slot + (slot - barW) / 2;
    let base = 0;
    series.forEach((s, index) => {
      const value = cost[day][index];
      if (value <= 0) return;
      const height = Math.max(1, y(base) - y(base + value));
      bars.push(svg('rect', {
        class: `bar ${s.className}`, x: x.toFixed(2), y: (y(base) - height).toFixed(2), width: barW.toFixed(2), height: height.toFixed(2),
        'data-day': day, 'data-tenant': s.label, 'data-usd': value,
      }, [svg('title', {}, [`${s.label}, ${day}: ${usd(value)}`])]));
      base += value;
    });
    if ((days.length - 1 - i) % labelEvery === 0) {
      bars.push(svg('text', { x: (x + barW / 2).toFixed(2), y: HEIGHT - MARGIN.bottom + 16, 'text-anchor': 'middle' }, [day.slice(5)]));
    }
  });
  if (maxTotal === 0) {
    bars.push(svg('text', { x: MARGIN.left + plotW / 2, y: MARGIN.top + plotH / 2, 'text-anchor': 'middle' }, ['No cost in the last 30 days']));
  }
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc', id: 'cost-chart',
    'data-days': days.length, preserveAspectRatio: 'xMidYMid meet',
  }, [
    svg('title', { id: 'chart-title' }, ['Cost per day and tenant, last 30 days (UTC)']),
    svg('desc', { id: 'chart-desc' }, [description]),
    ...grid,
    svg('line', { class: 'axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }),
    ...bars,
  ]);
  $('#chart-box').replaceChildren(chart);

  $('#chart-legend').replaceChildren(...(series.length
    ? series.map((s) => el('li', {}, [el('span', { className: `swatch ${s.className}`, attrs: { 'aria-hidden': 'true' } }), s.label]))
    : [el('li', { className: 'muted', text: 'No tenant spent anything in these 30 days.' })]));

  const table = $('#chart-table');
  table.tHead.replaceChildren(el('tr', {}, [
    el('th', { text: 'Day (UTC)', attrs: { scope: 'col' } }),
    ...series.map((s) => el('th', { className: 'num', text: s.label, attrs: { scope: 'col' } })),
    el('th', { className: 'num', text: 'Total', attrs: { scope: 'col' } }),
  ]));
  table.tBodies[0].replaceChildren(...days.map((day, i) => el('tr', {}, [
    el('th', { text: day, attrs: { scope: 'row' } }),
    ...series.map((_, index) => el('td', { className: 'num', text: usd(cost[day][index]), attrs: { 'data-usd': String(cost[day][index]) } })),
    el('td', { className: 'num', text: usd(totals[i]), attrs: { 'data-usd': String(totals[i]) } }),
  ])));
}
