// uWebSockets.js (v20.30, the last build that loads on Debian 12's glibc) speaking our protocol, written
// the way a uWS user would: one pub/sub topic, ws.publish for broadcasts (uWS excludes the sender and
// batches the writes itself), app.publish for server notices. For benchmarks only (docs/performance.md).
'use strict';

// The package's index silently falls back to a slow JavaScript implementation when its native binary
// does not load; require the binary for this Node ABI directly so a failure is loud.
const binary = `@trufflesuite/uws-js-unofficial/binaries/uws_${process.platform}_${process.arch}_${process.versions.modules}.node`;
let uWS;
try {
  uWS = require(binary);
} catch (e) {
  console.error(`cannot load the uWS native binary ${binary}: ${e.message}`);
  process.exit(1);
}

const port = Number(process.env.PORT || 8080);
const heartbeatMs = Number(process.env.HEARTBEAT_INTERVAL_MS || 30000);
// JOIN_NOTICES=off measures accepting alone (bench/compare.sh's connect and idle runs).
const joinNotices = process.env.JOIN_NOTICES !== 'off';
const TOPIC = 'all';
const decoder = new TextDecoder();
let nextId = 0;
let connections = 0;

const now = () => new Date().toISOString();

const app = uWS.App().ws('/*', {
  compression: uWS.DISABLED,
  maxPayloadLength: 64 * 1024,
  // Our server and the seed close silent clients after two heartbeats; uWS pings by itself within this.
  idleTimeout: Math.min(960, Math.max(8, Math.round(heartbeatMs * 2 / 1000))),
  maxBackpressure: 1024 * 1024,
  open: (ws) => {
    const data = ws.getUserData();
    data.id = 'uws-' + (++nextId).toString(36);
    connections++;
    ws.subscribe(TOPIC);
    ws.send(JSON.stringify({ type: 'welcome', clientId: data.id, connections, heartbeatIntervalMs: heartbeatMs,
      timestamp: now() }), false);
    if (joinNotices) {
      ws.publish(TOPIC, JSON.stringify({ type: 'client_connected', clientId: data.id, connections,
        timestamp: now() }), false);
    }
  },
  message: (ws, raw, isBinary) => {
    let message;
    try {
      // The ArrayBuffer is only valid inside this callback: decode it now.
      message = JSON.parse(decoder.decode(raw));
    } catch (e) {
      ws.send(JSON.stringify({ type: 'error', code: 'invalid_json', message: 'not JSON', timestamp: now() }), false);
      return;
    }
    if (message.type !== 'message') {
      return;
    }
    const id = 'uws-m' + (++nextId).toString(36);
    const timestamp = now();
    // Data first as the client wrote it, {"type":"broadcast",...} as our generator expects.
    const data = JSON.stringify(message.data);
    ws.send('{"type":"echo","id":"' + id + '","data":' + data + ',"timestamp":"' + timestamp + '"}', false);
    ws.publish(TOPIC, '{"type":"broadcast","id":"' + id + '","from":"' + ws.getUserData().id + '","data":' + data
      + ',"timestamp":"' + timestamp + '"}', false);
  },
  close: (ws) => {
    connections--;
    // The closed socket is already unsubscribed, so everyone else gets this.
    if (joinNotices) {
      app.publish(TOPIC, JSON.stringify({ type: 'client_disconnected', clientId: ws.getUserData().id, connections,
        timestamp: now() }), false);
    }
  },
}).listen(port, (token) => {
  if (!token) {
    console.error(`uWS: port ${port} is busy`);
    process.exit(1);
  }
  console.log('uWS server listening on ws://localhost:' + port);
});

setInterval(() => {
  app.publish(TOPIC, JSON.stringify({ type: 'system', event: 'heartbeat', stats: { connections }, timestamp: now() }),
    false);
}, heartbeatMs);
