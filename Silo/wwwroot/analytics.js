// The analytics page: fetches the API every 2 s and draws plain SVG (no external libraries, works offline).
'use strict';
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
    svg.appendChild(el('text', { x: lx, y: base - h - 4, 'text-anchor': 'middle' }, percent ? `${Math.round(item.value * 100)}%` : String(item.value)));
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

function heatmap(records) {
  const svg = reset('chart-heatmap');
  if (records.length === 0) return empty(svg);
  const types = [...new Set(records.map(r => r.errorType))].sort();
  const levels = ['basic', 'enhanced', 'component', 'system-component', 'critical'];
  const counts = {};
  for (const r of records) counts[`${r.errorType}|${r.level}`] = (counts[`${r.errorType}|${r.level}`] || 0) + 1;
  const max = Math.max(...Object.values(counts));
  const cw = (W - 90) / levels.length, ch = Math.min(28, (H - 30) / types.length);
  levels.forEach((l, j) => svg.appendChild(el('text', { x: 90 + j * cw + cw / 2, y: 12, 'text-anchor': 'middle' }, `L${j + 1}`)));
  types.forEach((t, i) => {
    svg.appendChild(el('text', { x: 4, y: 20 + i * ch + ch / 2 + 4 }, t));
    levels.forEach((l, j) => {
      const n = counts[`${t}|${l}`] || 0;
      const cell = el('rect', { x: 90 + j * cw, y: 20 + i * ch, width: cw - 2, height: ch - 2, fill: `rgba(59,125,221,${n === 0 ? 0.05 : 0.2 + 0.8 * n / max})`,
        'data-type': t, 'data-level': String(j + 1), 'data-count': String(n) });
      cell.appendChild(el('title', {}, `${t} at level ${j + 1}: ${n}`));
      svg.appendChild(cell);
      if (n > 0) svg.appendChild(el('text', { x: 90 + j * cw + cw / 2, y: 20 + i * ch + ch / 2 + 4, 'text-anchor': 'middle' }, String(n)));
    });
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

function trend(records) {
  const svg = reset('chart-trend');
  if (records.length === 0) return empty(svg);
  const buckets = new Map();
  for (const r of records) {
    const minute = r.timestamp.slice(0, 16);
    const b = buckets.get(minute) || { n: 0, ok: 0 };
    b.n++; if (r.success) b.ok++;
    buckets.set(minute, b);
  }
  const points = [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b));
  svg.appendChild(el('line', { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, class: 'axis' }));
  const step = points.length > 1 ? (W - PAD * 2) / (points.length - 1) : 0;
  const xy = points.map(([, b], i) => [PAD + i * step, H - PAD - (H - PAD * 2) * b.ok / b.n]);
  svg.appendChild(el('polyline', { points: xy.map(p => p.join(',')).join(' '), fill: 'none', stroke: '#3b7ddd', 'stroke-width': 2 }));
  points.forEach(([minute, b], i) => {
    const dot = el('circle', { cx: xy[i][0], cy: xy[i][1], r: 3, fill: '#3b7ddd', 'data-minute': minute, 'data-rate': String(b.ok / b.n), 'data-count': String(b.n) });
    dot.appendChild(el('title', {}, `${minute}: ${Math.round(100 * b.ok / b.n)}% of ${b.n}`));
    svg.appendChild(dot);
  });
  svg.appendChild(el('text', { x: PAD, y: H - 8 }, points[0][0].slice(11)));
  svg.appendChild(el('text', { x: W - PAD, y: H - 8, 'text-anchor': 'end' }, points[points.length - 1][0].slice(11)));
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
    const [metrics, history, status, circuits] = await Promise.all([
      getJson('/api/recovery/metrics'), getJson('/api/recovery/history?limit=2000'), getJson('/api/status'), getJson('/api/circuits')]);
    const e = status.errorHandling;
    document.getElementById('summary').textContent =
      `${status.silos} silo(s) · ${e.totalErrors} errors (${e.unresolvedErrors} unresolved) · ${e.recoveryExecutions} recovery attempts · ${Math.round(e.successRate * 100)}% successful`;
    bars('chart-strategies', Object.entries(metrics.strategies).map(([id, m]) => ({ label: id, value: m.overallSuccessRate, title: `${id}: ${m.totalExecutions} attempts` })), 1);
    bars('chart-types', Object.entries(metrics.errorTypes).map(([id, m]) => ({ label: id, value: m.overallSuccessRate, title: `${id}: ${m.totalExecutions} attempts` })), 1);
    byHardware(history);
    histogram(history);
    heatmap(history);
    trend(history);
    scatter(metrics.strategies);
    bars('chart-levels', Object.entries(metrics.levels).map(([level, m]) => ({ label: `L${level}`, value: m.resolved, title: `level ${level}: ${m.attempts} attempts, ${m.resolved} resolved` })));
    secondary(metrics.secondary);
    document.getElementById('circuits').replaceChildren(...circuits.map(c => {
      const li = document.createElement('li');
      li.className = c.state;
      li.dataset.component = c.component;
      li.textContent = `${c.component}: ${c.state}`;
      return li;
    }));
    document.getElementById('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    document.body.dataset.refreshed = String((+document.body.dataset.refreshed || 0) + 1);
  } catch (error) {
    document.getElementById('updated').textContent = `refresh failed: ${error.message}`;
  }
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
refresh();
setInterval(refresh, 2000);
