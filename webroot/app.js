// The test page: connects to the server, shows every message type distinctly, sends Test and typed
// messages, keeps the stats panel live and reconnects with backoff. Server text is only ever set with
// textContent: it comes from other clients.
'use strict';

const MAX_LOG_ENTRIES = 500;
const LATENCY_WINDOW_MS = 60000;
const LATENCY_REPORT_EVERY_MS = 5000;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 15000;

const page = {
  lang: preferredLanguage(),
  socket: null,
  clientId: null,
  state: 'connecting',
  retryDelayMs: RETRY_FIRST_MS,
  retryAfterMs: null,
  retryAt: 0,
  countdownTimer: null,
  // Send times of our messages not yet echoed, oldest first: echoes come back in the order we sent.
  pendingSends: [],
  latencySamples: [],
  lastReportAt: 0,
};

const $ = (id) => document.getElementById(id);
const t = (key, values) => translate(page.lang, key, values);

// ---- connection

/** ws:// or wss:// after the page's own scheme, same host and port. */
function socketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  return scheme + location.host + '/ws';
}

function connect() {
  setStatus('connecting');
  const socket = new WebSocket(socketUrl());
  page.socket = socket;
  socket.addEventListener('open', () => {
    page.pendingSends = [];
    page.retryDelayMs = RETRY_FIRST_MS;
    page.retryAfterMs = null;
    setStatus('open');
  });
  socket.addEventListener('message', (event) => onServerMessage(event.data));
  socket.addEventListener('close', () => {
    if (page.socket === socket) {
      page.socket = null;
      scheduleReconnect();
    }
  });
}

/** Exponential backoff with jitter, or the server's own retryAfterMs after a shutdown notice. */
function scheduleReconnect() {
  const delay = page.retryAfterMs != null ? page.retryAfterMs : jitter(page.retryDelayMs);
  page.retryAfterMs = null;
  page.retryDelayMs = Math.min(page.retryDelayMs * 2, RETRY_MAX_MS);
  page.retryAt = Date.now() + delay;
  setStatus('closed');
  clearInterval(page.countdownTimer);
  page.countdownTimer = setInterval(showCountdown, 250);
  setTimeout(() => {
    clearInterval(page.countdownTimer);
    connect();
  }, delay);
}

function jitter(ms) {
  return Math.round(ms * (0.7 + Math.random() * 0.6));
}

function showCountdown() {
  const seconds = Math.max(0, Math.ceil((page.retryAt - Date.now()) / 1000));
  $('status').textContent = t('status.retry', { s: seconds });
}

function setStatus(state) {
  page.state = state;
  const status = $('status');
  status.dataset.state = state;
  status.textContent = t('status.' + state);
}

function send(message) {
  if (!page.socket || page.socket.readyState !== WebSocket.OPEN) {
    addEntry('local', t('text.notConnected'));
    return;
  }
  if (message.type === 'message') {
    page.pendingSends.push(performance.now());
  }
  page.socket.send(JSON.stringify(message));
}

// ---- latency as this client sees it: the echo's round trip, which needs no synchronised clocks

function onEchoReturned() {
  const sentAt = page.pendingSends.shift();
  if (sentAt === undefined) {
    return;
  }
  const now = performance.now();
  const roundTrip = now - sentAt;
  page.latencySamples.push({ at: now, ms: roundTrip });
  page.latencySamples = page.latencySamples.filter((sample) => now - sample.at <= LATENCY_WINDOW_MS);
  showLatency();
  // Opt-in and sampled: at most one report every few seconds, so reports never weigh on the server.
  if ($('report-latency').checked && now - page.lastReportAt >= LATENCY_REPORT_EVERY_MS) {
    page.lastReportAt = now;
    page.socket.send(JSON.stringify({ type: 'latency', data: Math.round(roundTrip * 1000) / 1000 }));
  }
}

function showLatency() {
  const sorted = page.latencySamples.map((sample) => sample.ms).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return;
  }
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  $('stat-latency').textContent = t('stats.latencyValue', { p50: at(0.5), p99: at(0.99), n: sorted.length });
}

// ---- incoming messages

function onServerMessage(text) {
  let message;
  try {
    message = JSON.parse(text);
  } catch (e) {
    addEntry('error', text);
    return;
  }
  const render = RENDERERS[message.type === 'system' ? message.event : message.type];
  if (render) {
    render(message);
  } else {
    addEntry('local', text);
  }
}

const RENDERERS = {
  welcome(m) {
    page.clientId = m.clientId;
    $('client-id').textContent = m.clientId;
    showConnections(m.connections);
    addEntry('welcome', t('text.welcome', { id: m.clientId, n: m.connections }), m.timestamp);
  },
  echo(m) {
    onEchoReturned();
    addEntry('echo', t('text.echo', { text: describe(m.data) }), m.timestamp);
  },
  broadcast(m) {
    addEntry('broadcast', t('text.broadcast', { from: m.from, text: describe(m.data) }), m.timestamp);
  },
  client_connected(m) {
    showConnections(m.connections);
    addEntry('client_connected', t('text.joined', { id: m.clientId, n: m.connections }), m.timestamp);
  },
  client_disconnected(m) {
    showConnections(m.connections);
    addEntry('client_disconnected', t('text.left', { id: m.clientId, n: m.connections }), m.timestamp);
  },
  heartbeat(m) {
    showStats(m.stats);
    addEntry('heartbeat', t('text.heartbeat', { n: m.stats.connections, uptime: formatUptime(m.stats.uptimeSeconds) }),
      m.timestamp);
  },
  presence(m) {
    showConnections(m.connections);
    addEntry('presence', t('text.presence', { joined: m.joinedCount, left: m.leftCount, n: m.connections }),
      m.timestamp);
  },
  shutdown(m) {
    if (typeof m.retryAfterMs === 'number' && m.retryAfterMs >= 0) {
      page.retryAfterMs = m.retryAfterMs;
    }
    addEntry('shutdown', m.message || 'shutdown', m.timestamp);
  },
  pong(m) {
    addEntry('pong', t('text.pong'), m.timestamp);
  },
  error(m) {
    if (m.code === 'rate_limited') {
      page.pendingSends.shift(); // that message will never be echoed
    }
    addEntry('error', t('text.error', { code: m.code, message: m.message }), m.timestamp);
  },
};

/** A message's data as text: its "text" field when it has one, else its JSON. */
function describe(data) {
  if (data && typeof data === 'object' && typeof data.text === 'string') {
    return data.text;
  }
  return typeof data === 'string' ? data : JSON.stringify(data);
}

// ---- stats panel

function showConnections(count) {
  if (typeof count === 'number') {
    $('stat-connections').textContent = String(count);
  }
}

function showStats(stats) {
  if (!stats) {
    return;
  }
  showConnections(stats.connections);
  const mib = (bytes) => (bytes >= 0 ? (bytes / 1048576).toFixed(1) : '?');
  const memory = stats.memory || {};
  $('stat-memory').textContent = t('stats.memoryValue',
    { used: mib(memory.heapUsed), max: mib(memory.heapMax), rss: mib(memory.rss) });
  $('stat-uptime').textContent = formatUptime(stats.uptimeSeconds);
}

function formatUptime(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds || 0));
  const parts = [[Math.floor(s / 86400), 'd'], [Math.floor(s / 3600) % 24, 'h'], [Math.floor(s / 60) % 60, 'm'],
    [s % 60, 's']];
  const shown = parts.filter(([value], i) => value > 0 || i === parts.length - 1);
  return shown.slice(0, 2).map(([value, unit]) => value + ' ' + t('unit.' + unit)).join(' ');
}

/** Fetches /api/stats once so the panel is filled before the first heartbeat. */
function loadStats() {
  fetch('/api/stats', { cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : null))
    // The welcome's count is newer than a stats answer that arrives after it: keep that one.
    .then((stats) => showStats(stats && page.clientId ? { ...stats, connections: undefined } : stats))
    .catch(() => { /* the heartbeat fills the panel later */ });
}

// ---- log

function addEntry(type, text, timestamp) {
  const log = $('log');
  const stickToBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
  const item = document.createElement('li');
  item.className = 'entry entry-' + type;
  item.dataset.type = type;
  const time = document.createElement('time');
  const when = timestamp ? new Date(timestamp) : new Date();
  time.textContent = when.toLocaleTimeString(page.lang);
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.dataset.i18nType = type;
  badge.textContent = t('type.' + type);
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  item.append(time, badge, body);
  log.append(item);
  while (log.children.length > MAX_LOG_ENTRIES) {
    log.firstElementChild.remove();
  }
  if (stickToBottom) {
    log.scrollTop = log.scrollHeight;
  }
}

// ---- language

function applyLanguage() {
  document.documentElement.lang = page.lang;
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  document.querySelectorAll('[data-i18n-type]').forEach((el) => { el.textContent = t('type.' + el.dataset.i18nType); });
  document.title = t('title');
  $('lang-toggle').textContent = page.lang === 'ru' ? 'EN' : 'RU';
  if (page.state === 'closed') {
    showCountdown();
  } else {
    setStatus(page.state);
  }
}

// ---- wiring

function sendTest() {
  const time = new Date().toLocaleTimeString(page.lang);
  send({ type: 'message', data: { text: t('send.testText', { id: page.clientId || '?', time }) } });
}

function sendTyped(event) {
  event.preventDefault();
  const input = $('message-input');
  const text = input.value.trim();
  if (text) {
    send({ type: 'message', data: { text } });
    input.value = '';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('test-button').addEventListener('click', sendTest);
  $('send-form').addEventListener('submit', sendTyped);
  $('clear-button').addEventListener('click', () => { $('log').replaceChildren(); });
  $('lang-toggle').addEventListener('click', () => {
    page.lang = page.lang === 'ru' ? 'en' : 'ru';
    applyLanguage();
  });
  applyLanguage();
  loadStats();
  connect();
});
