// The live dashboard: polls /api/stats every second and charts the last two minutes with uPlot.
'use strict';

const POINTS = 120;
const lang = preferredLanguage();
const tr = (key, values) => translate(lang, key, values);

const series = { time: [], connections: [], inRate: [], outRate: [], p50: [], p99: [], heap: [], rss: [], instances: [] };
const charts = {};
let previous = null;

function byId(id) {
  return document.getElementById(id);
}

/** Appends one sample, dropping the oldest beyond the window. */
function push(name, value) {
  series[name].push(value);
  if (series[name].length > POINTS) {
    series[name].shift();
  }
}

function record(stats) {
  const now = Date.now() / 1000;
  const seconds = previous ? Math.max(0.001, now - previous.at) : 1;
  const rate = (field) => (previous ? Math.max(0, (stats[field] - previous.stats[field]) / seconds) : 0);
  push('time', now);
  push('connections', stats.connections);
  push('inRate', rate('messagesReceived'));
  push('outRate', rate('messagesDelivered'));
  push('p50', stats.clientLatencyMs ? stats.clientLatencyMs.p50 : null);
  push('p99', stats.clientLatencyMs ? stats.clientLatencyMs.p99 : null);
  push('heap', stats.memory.heapUsed / 1048576);
  push('rss', stats.memory.rss >= 0 ? stats.memory.rss / 1048576 : null);
  push('instances', stats.instanceConnections || []);
  previous = { at: now, stats };
}

function showTiles(stats) {
  const last = (name) => series[name][series[name].length - 1];
  const number = (value) => (value == null ? '—' : Math.round(value).toLocaleString(lang));
  const ms = (value) => (value == null ? '—' : value.toFixed(1));
  byId('tile-connections').textContent = number(stats.connections);
  byId('tile-in').textContent = number(last('inRate'));
  byId('tile-out').textContent = number(last('outRate'));
  byId('tile-latency').textContent = ms(last('p50')) + ' / ' + ms(last('p99')) + ' ms';
  byId('tile-memory').textContent = number(stats.memory.heapUsed / 1048576) + ' / ' + number(stats.memory.rss / 1048576) + ' MiB';
  byId('tile-uptime').textContent = stats.uptimeSeconds + ' ' + tr('unit.s');
}

function chartOptions(title, labels, colours) {
  const width = Math.max(320, byId('chart-connections').clientWidth - 24);
  return {
    title,
    width,
    height: 220,
    series: [{}].concat(labels.map((label, i) => ({ label, stroke: colours[i % colours.length], width: 2, spanGaps: true }))),
    axes: [{}, { size: 60 }],
  };
}

const COLOURS = ['#2f6fed', '#1f9d55', '#d64545', '#c77700', '#7c5cff', '#137a8c', '#9a5c00', '#555b6b'];

/** Creates each chart once, then feeds it the current window. */
function draw() {
  const instanceCount = Math.max(0, ...series.instances.map((counts) => counts.length));
  const perInstance = [];
  for (let i = 0; i < instanceCount; i++) {
    perInstance.push(series.instances.map((counts) => (counts[i] == null ? null : counts[i])));
  }
  const data = {
    connections: [series.time, series.connections],
    rates: [series.time, series.inRate, series.outRate],
    latency: [series.time, series.p50, series.p99],
    memory: [series.time, series.heap, series.rss],
    instances: [series.time].concat(perInstance),
  };
  const specs = {
    connections: [tr('dash.chartConnections'), [tr('stats.connections')]],
    rates: [tr('dash.chartRates'), [tr('dash.in'), tr('dash.out')]],
    latency: [tr('dash.chartLatency'), ['p50', 'p99']],
    memory: [tr('dash.chartMemory'), [tr('dash.heap'), tr('dash.rss')]],
    instances: [tr('dash.chartInstances'), perInstance.map((_, i) => tr('dash.instance', { n: i + 1 }))],
  };
  for (const name of Object.keys(data)) {
    const [title, labels] = specs[name];
    if (!charts[name] || charts[name].series.length !== labels.length + 1) {
      if (charts[name]) {
        charts[name].destroy();
      }
      charts[name] = new uPlot(chartOptions(title, labels, COLOURS), data[name], byId('chart-' + name));
    } else {
      charts[name].setData(data[name]);
    }
  }
}

function setStatus(ok) {
  const status = byId('dash-status');
  status.dataset.state = ok ? 'open' : 'closed';
  status.textContent = tr(ok ? 'status.open' : 'status.closed');
}

async function poll() {
  try {
    const response = await fetch('/api/stats', { cache: 'no-store' });
    const stats = await response.json();
    record(stats);
    showTiles(stats);
    draw();
    setStatus(true);
  } catch (e) {
    setStatus(false);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = tr(el.dataset.i18n); });
  poll();
  setInterval(poll, 1000);
});
