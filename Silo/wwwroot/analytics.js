// The analytics page: fetches the API every 2 s; plain SVG for bars, the heatmap and the scatter, uPlot (vendored under
// lib/, so the page works offline) for the time series. What each chart shows is kept in window.rcCharts.
'use strict';
const charts = window.rcCharts = {};
const SVG = 'http://www.w3.org/2000/svg';
const W = 420, H = 220, PAD = 34;

function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function reset(id) {
  const svg = document.getElementById(id);
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.replaceChildren();
  return svg;
}

function empty(svg) { svg.appendChild(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'no data yet')); }

// A bar chart of [{label, value (0..1 or count), title}]
function bars(id, items, max) {
  const percent = max === 1;
  const svg = reset(id);
  if (items.length === 0) return empty(svg);
  const top = max ?? Math.max(...items.map(i => i.value), 1);
  const bw = (W - PAD * 2) / items.length;
  // Long labels are slanted and get more room below the axis.
  const slant = items.some(i => i.label.length * 6 > bw);
  const base = slant ? H - 60 : H - PAD;
  svg.appendChild(el('line', { x1: PAD, y1: base, x2: W - PAD, y2: base, class: 'axis' }));
  items.forEach((item, i) => {
    const h = (base - PAD) * (item.value / top);
    const x = PAD + i * bw + 4;
    const rect = el('rect', { x, y: base - h, width: Math.max(bw - 8, 2), height: h, class: percent && item.value < 0.5 ? 'bar bad' : 'bar',
      'data-label': item.label, 'data-value': String(item.value) });
    rect.appendChild(el('title', {}, item.title ?? `${item.label}: ${item.value}`));
    svg.appendChild(rect);
    const lx = x + bw / 2 - 4, ly = base + 12;
    svg.appendChild(slant
      ? el('text', { x: lx, y: ly, 'text-anchor': 'end', transform: `rotate(-30 ${lx} ${ly})` }, item.label)
      : el('text', { x: lx, y: ly, 'text-anchor': 'middle' }, item.label));
    svg.appendChild(el('text', { x: lx, y: base - h - 4, 'text-anchor': 'middle' }, item.text ?? (percent ? `${Math.round(item.value * 100)}%` : String(item.value))));
  });
}

// Success by machine over the recent attempts that named their machine: where a repair works and where it does not.
function byHardware(records) {
  const machines = {};
  for (const r of records) {
    if (!r.hardwareId) continue;
    const m = machines[r.hardwareId] ??= { attempts: 0, successes: 0 };
    m.attempts++;
    if (r.success) m.successes++;
  }
  bars('chart-hardware', Object.entries(machines).sort(([a], [b]) => a.localeCompare(b)).map(([id, m]) =>
    ({ label: id, value: m.successes / m.attempts, title: `${id}: ${m.successes} of ${m.attempts} attempts succeeded` })), 1);
}

function seconds(span) {
  // TimeSpan as "d.hh:mm:ss.fffffff" or "hh:mm:ss.fffffff"
  const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(span);
  return m ? (+(m[1] || 0)) * 86400 + (+m[2]) * 3600 + (+m[3]) * 60 + (+m[4]) : 0;
}

// Error type × level from /api/recovery/heatmap: the shade says how many attempts, the dot's size their mean impact.
// A click lists the errors behind the cell.
function heatmap(cells) {
  const svg = reset('chart-heatmap');
  charts.heatmap = cells;
  if (cells.length === 0) return empty(svg);
  const types = [...new Set(cells.map(c => c.errorType))].sort();
  const byKey = new Map(cells.map(c => [`${c.errorType}|${c.level}`, c]));
  const max = Math.max(...cells.map(c => c.attempts));
  const cw = (W - 90) / 5, ch = Math.min(28, (H - 30) / types.length);
  for (let level = 1; level <= 5; level++) svg.appendChild(el('text', { x: 90 + (level - 1) * cw + cw / 2, y: 12, 'text-anchor': 'middle' }, `L${level}`));
  types.forEach((t, i) => {
    svg.appendChild(el('text', { x: 4, y: 20 + i * ch + ch / 2 + 4 }, t));
    for (let level = 1; level <= 5; level++) {
      const c = byKey.get(`${t}|${level}`) ?? { attempts: 0, errors: 0, successes: 0, averageImpact: 0 };
      const x = 90 + (level - 1) * cw, y = 20 + i * ch;
      const selected = drilled && drilled.errorType === t && drilled.level === level;
      const cell = el('rect', { x, y, width: cw - 2, height: ch - 2, fill: `rgba(59,125,221,${c.attempts === 0 ? 0.05 : 0.2 + 0.8 * c.attempts / max})`,
        class: selected ? 'selected' : '', 'data-type': t, 'data-level': String(level), 'data-count': String(c.attempts),
        'data-errors': String(c.errors), 'data-impact': String(c.averageImpact) });
      cell.appendChild(el('title', {}, `${t} at level ${level}: ${c.attempts} attempts on ${c.errors} errors, ${c.successes} successful, mean impact ${c.averageImpact.toFixed(3)}`));
      cell.addEventListener('click', () => drill(`${t} at level ${level}`, { errorType: t, level }));
      svg.appendChild(cell);
      if (c.attempts > 0) {
        svg.appendChild(el('text', { x: x + cw / 3, y: y + ch / 2 + 4, 'text-anchor': 'middle', 'pointer-events': 'none' }, String(c.attempts)));
        // The dot's radius grows with the impact, up to half the cell's height at impact 1.
        svg.appendChild(el('circle', { cx: x + cw * 0.72, cy: y + ch / 2 - 1, r: Math.max(1.5, (ch / 2 - 3) * Math.min(c.averageImpact, 1)), class: 'impact',
          'data-type': t, 'data-level': String(level) }));
      }
    }
  });
}

function histogram(records) {
  const times = records.map(r => seconds(r.executionTime));
  if (times.length === 0) return bars('chart-times', []);
  const edges = [0.1, 0.5, 1, 2, 5, 10, 30, Infinity];
  const names = ['<0.1s', '<0.5s', '<1s', '<2s', '<5s', '<10s', '<30s', '30s+'];
  const counts = edges.map(() => 0);
  for (const t of times) counts[edges.findIndex(e => t < e)]++;
  bars('chart-times', names.map((n, i) => ({ label: n, value: counts[i] })));
}

const BUCKETS = { minute: { days: 1, ms: 60_000 }, hour: { days: 7, ms: 3_600_000 }, day: { days: 90, ms: 86_400_000 } };
const COLORS = ['#3b7ddd', '#d9534f', '#2a8a4a', '#e69a00', '#7a4fc4', '#17a2b8', '#8a6d3b', '#e83e8c', '#555', '#20c997'];

// A uPlot line chart of [x (unix seconds), ...series] with values 0..1; kept and fed new data while its series stay the
// same, rebuilt when they change. A click on the plot picks the bucket under it and the series drawn nearest, if any.
function lines(key, id, labels, data, pick) {
  const host = document.getElementById(id);
  let u = charts[key];
  if (data[0].length === 0) {
    if (u) u.destroy();
    charts[key] = null;
    const note = document.createElement('p'); note.className = 'empty-note'; note.textContent = 'no data yet';
    host.replaceChildren(note);
    return;
  }
  if (u && u.series.length === labels.length + 1 && labels.every((l, i) => u.series[i + 1].label === l)) {
    u.setData(data);
    return;
  }
  if (u) u.destroy();
  host.replaceChildren();
  u = new uPlot({
    width: Math.max(host.clientWidth, 300), height: 220,
    // Half a bucket of room either side, so a lone point or the newest one is not drawn on the plot's edge.
    scales: { x: { time: true, range: self => [self.data[0][0] - charts.halfBucket, self.data[0][self.data[0].length - 1] + charts.halfBucket] }, y: { range: [0, 1] } },
    axes: [{}, { values: (self, ticks) => ticks.map(v => v.toFixed(1)) }],
    series: [{}, ...labels.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 2, points: { show: true, size: 6 } }))],
    cursor: { focus: { prox: 24 } },
    focus: { alpha: 0.4 },
  }, data, host);
  u.over.addEventListener('click', e => {
    // From the click itself, not the cursor's last position (uPlot may not have caught up with the mouse yet).
    const box = u.over.getBoundingClientRect();
    const left = e.clientX - box.left, top = e.clientY - box.top;
    const i = u.posToIdx(left);
    if (i === null || i === undefined || i < 0 || i >= u.data[0].length) return;
    pick(i, nearestSeries(u, i, top));
  });
  charts[key] = u;
}

// The series whose value at index i is drawn within 24 px of the click, the closest first; null if none is.
function nearestSeries(u, i, top) {
  let best = null, distance = 24;
  for (let s = 1; s < u.series.length; s++) {
    const v = u.data[s][i];
    if (v === null || v === undefined) continue;
    const d = Math.abs(u.valToPos(v, 'y') - top);
    if (d <= distance) { best = s; distance = d; }
  }
  return best;
}

// The series of /api/recovery/trends: success, impact and stability on one chart, success per strategy on another, time per level as bars.
function trends(t) {
  charts.trends = t;
  charts.halfBucket = BUCKETS[t.bucket].ms / 2000;
  const x = t.points.map(p => Date.parse(p.start) / 1000);
  const bucketRange = i => {
    const start = Date.parse(t.points[i].start);
    return { from: new Date(start).toISOString(), to: new Date(start + BUCKETS[t.bucket].ms).toISOString() };
  };
  lines('overTime', 'chart-over-time', ['success rate', 'mean impact', 'mean stability'],
    [x, t.points.map(p => p.successRate), t.points.map(p => p.averageImpact), t.points.map(p => p.averageStability)],
    i => drill(`attempts in the ${t.bucket} from ${t.points[i].start}`, bucketRange(i)));
  const strategies = [...new Set(t.points.flatMap(p => Object.keys(p.strategies)))].sort();
  lines('strategyLines', 'chart-strategy-lines', strategies,
    [x, ...strategies.map(id => t.points.map(p => p.strategies[id] ? p.strategies[id].successRate : null))],
    (i, series) => {
      const strategyId = series ? strategies[series - 1] : undefined;
      drill(`${strategyId ?? 'all strategies'} in the ${t.bucket} from ${t.points[i].start}`, { ...bucketRange(i), strategyId });
    });
  bars('chart-level-time', Object.entries(t.levels).map(([level, m]) => ({
    label: `L${level}`, value: m.averageSecondsPerError, text: `${m.averageSecondsPerError.toFixed(1)} s`,
    title: `level ${level}: ${m.attempts} attempts on ${m.errors} errors, ${m.averageAttemptSeconds.toFixed(2)} s per attempt` })));
}

// The click-through: lists the errors behind a cell or point through /api/recovery/errors, each linked to its own record.
let drilled = null;
async function drill(title, filters) {
  drilled = filters;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== null) query.set(k, String(v));
  query.set('limit', '50');
  try {
    const errors = await getJson(`/api/recovery/errors?${query}`);
    charts.drill = { title, filters, errors };
    document.getElementById('drilldown-title').textContent = `${title}: ${errors.length} error(s)`;
    document.getElementById('errors-behind').replaceChildren(...errors.map(e => {
      const li = document.createElement('li');
      li.dataset.errorId = e.errorId;
      const link = document.createElement('a');
      link.href = `/api/errors/${encodeURIComponent(e.errorId)}`;
      link.textContent = e.message ?? e.errorId;
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = ` · ${e.errorType} · ${e.component} · ${e.status ?? 'not indexed'} · ${e.successes} of ${e.attempts} attempts successful`;
      li.append(link, meta);
      return li;
    }));
    document.getElementById('drilldown').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    document.getElementById('drilldown-title').textContent = `could not list the errors: ${error.message}`;
  }
}

function scatter(strategies) {
  const svg = reset('chart-scatter');
  const entries = Object.entries(strategies);
  if (entries.length === 0) return empty(svg);
  svg.appendChild(el('line', { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, class: 'axis' }));
  svg.appendChild(el('line', { x1: PAD, y1: PAD, x2: PAD, y2: H - PAD, class: 'axis' }));
  svg.appendChild(el('text', { x: W - PAD, y: H - 8, 'text-anchor': 'end' }, 'impact →'));
  svg.appendChild(el('text', { x: 4, y: PAD - 8 }, '↑ success'));
  for (const [id, m] of entries) {
    const x = PAD + (W - PAD * 2) * Math.min(m.averageImpact, 1), y = H - PAD - (H - PAD * 2) * m.overallSuccessRate;
    const dot = el('circle', { cx: x, cy: y, r: 5, fill: '#3b7ddd', 'data-strategy': id, 'data-impact': String(m.averageImpact), 'data-success': String(m.overallSuccessRate) });
    dot.appendChild(el('title', {}, `${id}: success ${Math.round(m.overallSuccessRate * 100)}%, impact ${m.averageImpact.toFixed(3)}`));
    svg.appendChild(dot);
    svg.appendChild(el('text', { x: x + 7, y: y + 4 }, id));
  }
}

async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function refresh() {
  try {
    const bucket = document.getElementById('bucket').value;
    const [metrics, history, status, circuits, series, cells] = await Promise.all([
      getJson('/api/recovery/metrics'), getJson('/api/recovery/history?limit=2000'), getJson('/api/status'), getJson('/api/circuits'),
      getJson(`/api/recovery/trends?bucket=${bucket}&days=${BUCKETS[bucket].days}`), getJson('/api/recovery/heatmap')]);
    const e = status.errorHandling;
    document.getElementById('summary').textContent =
      `${status.silos} silo(s) · ${e.totalErrors} errors (${e.unresolvedErrors} unresolved) · ${e.recoveryExecutions} recovery attempts · ${Math.round(e.successRate * 100)}% successful`;
    bars('chart-strategies', Object.entries(metrics.strategies).map(([id, m]) => ({ label: id, value: m.overallSuccessRate, title: `${id}: ${m.totalExecutions} attempts` })), 1);
    bars('chart-types', Object.entries(metrics.errorTypes).map(([id, m]) => ({ label: id, value: m.overallSuccessRate, title: `${id}: ${m.totalExecutions} attempts` })), 1);
    byHardware(history);
    histogram(history);
    heatmap(cells.cells);
    trends(series);
    scatter(metrics.strategies);
    bars('chart-levels', Object.entries(metrics.levels).map(([level, m]) => ({ label: `L${level}`, value: m.resolved, title: `level ${level}: ${m.attempts} attempts, ${m.resolved} resolved` })));
    secondary(metrics.secondary);
    const limits = await Promise.all(circuits.map(c => getJson(`/api/components/${encodeURIComponent(c.component)}/limit`).catch(() => null)));
    document.getElementById('circuits').replaceChildren(...circuits.map((c, i) => {
      const li = document.createElement('li');
      li.className = c.state;
      li.dataset.component = c.component;
      const limit = fleetLimit(limits[i]);
      if (limit) li.dataset.limit = limit;
      li.textContent = `${c.component}: ${c.state}${limit ? ` · fleet limit ${limit}` : ''}`;
      return li;
    }));
    document.getElementById('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    document.body.dataset.refreshed = String((+document.body.dataset.refreshed || 0) + 1);
  } catch (error) {
    document.getElementById('updated').textContent = `refresh failed: ${error.message}`;
  }
}

// The limits in force (after the adaptive scale) against the configured ones, and the workers holding shares.
function fleetLimit(l) {
  if (!l || (l.effectiveConcurrency == null && l.effectiveRate == null)) return '';
  const parts = [];
  if (l.effectiveConcurrency != null) parts.push(`${l.effectiveConcurrency}/${l.policy.maxConcurrency} in flight`);
  if (l.effectiveRate != null) parts.push(`${+l.effectiveRate.toFixed(1)}/${l.policy.ratePerSecond} per s`);
  const adaptive = l.policy.adaptive === 'aimd' ? `, adaptive ×${l.scale.toFixed(2)}` : '';
  return `${parts.join(', ')}${adaptive}, ${l.leases.length} lease(s)`;
}

function secondary(s) {
  if (!s) return;
  const items = Object.entries(s.levelProgression).map(([level, m]) => ({
    label: level === 'escalated' ? 'esc' : `L${level}`, value: m.share, title: `${level}: ${m.episodes} episodes` }));
  bars('chart-progression', s.levelProgression && items.some(i => i.value > 0) ? items : [], 1);
  const t = s.timeToResolution, r = s.regressionRate;
  const secs = v => (v === null || v === undefined) ? '–' : `${v.toFixed(1)} s`;
  const rows = [
    ['time to resolution', `p50 ${secs(t.p50Seconds)} · p90 ${secs(t.p90Seconds)} (${t.errors} errors)`, 'ttr'],
    ['regression rate', `${Math.round(r.rate * 100)}% (${r.regressions} of ${r.resolutions} resolutions)`, 'regressions'],
    ...Object.entries(s.taskRecoveryByErrorType).filter(([, m]) => m.affectedTasks > 0)
      .map(([type, m]) => [`tasks recovered: ${type}`, `${Math.round(m.rate * 100)}% (${m.recoveredTasks} of ${m.affectedTasks})`, `tasks-${type}`]),
    ...Object.entries(s.resourceUsageByStrategy).filter(([, m]) => m.samples > 0)
      .map(([id, m]) => [`resources: ${id}`, `cpu ${m.cpuPercent.toFixed(1)} pt · memory ${m.memoryPercent.toFixed(1)} pt · process ${m.processMemoryMb.toFixed(1)} MB`, `resources-${id}`]),
  ];
  document.getElementById('secondary').replaceChildren(...rows.flatMap(([name, value, id]) => {
    const dt = document.createElement('dt'); dt.textContent = name;
    const dd = document.createElement('dd'); dd.textContent = value; dd.id = id;
    return [dt, dd];
  }));
}

// The live feed: Server-Sent Events from /api/events, newest first, 50 kept. EventSource reconnects by itself.
function liveEvents() {
  const list = document.getElementById('events');
  const source = new EventSource('/api/events');
  const show = message => {
    const e = JSON.parse(message.data);
    const li = document.createElement('li');
    li.className = e.kind;
    li.dataset.kind = e.kind;
    li.dataset.component = e.component;
    const what = [e.kind, e.component, e.level && `L${e.level}`, e.strategyId, e.success === undefined ? null : (e.success ? 'ok' : 'failed'), e.state, e.message]
      .filter(Boolean).join(' · ');
    li.textContent = `${e.timestamp.slice(11, 19)} ${what}`;
    list.prepend(li);
    while (list.children.length > 50) list.lastChild.remove();
  };
  for (const kind of ['error-reported', 'plan-issued', 'attempt-recorded', 'resolved', 'regression', 'escalated', 'circuit-changed', 'anomaly']) {
    source.addEventListener(kind, show);
  }
}

liveEvents();
document.getElementById('bucket').addEventListener('change', refresh);
refresh();
setInterval(refresh, 2000);
