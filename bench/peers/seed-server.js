// The seed server as its README describes it (Node.js + ws), speaking our protocol so the same load
// generator can drive it: welcome, echo to the sender, broadcast to every other client (one send per
// client per message, as the seed did), join/leave notices and a heartbeat. For benchmarks only.
'use strict';

const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.env.PORT || 8080);
const heartbeatMs = Number(process.env.HEARTBEAT_INTERVAL_MS || 30000);
// JOIN_NOTICES=off measures accepting alone (bench/compare.sh's connect and idle runs): with them, every
// join costs one frame per connected client and a 10,000-client run takes minutes.
const joinNotices = process.env.JOIN_NOTICES !== 'off';
const server = new WebSocketServer({ port, perMessageDeflate: false });
let nextId = 0;

const now = () => new Date().toISOString();

function sendToOthers(sender, text) {
  for (const client of server.clients) {
    if (client !== sender && client.readyState === WebSocket.OPEN) {
      client.send(text);
    }
  }
}

server.on('connection', (socket) => {
  socket.id = 'seed-' + (++nextId).toString(36);
  socket.send(JSON.stringify({ type: 'welcome', clientId: socket.id, connections: server.clients.size,
    heartbeatIntervalMs: heartbeatMs, timestamp: now() }));
  if (joinNotices) {
    sendToOthers(socket, JSON.stringify({ type: 'client_connected', clientId: socket.id,
      connections: server.clients.size, timestamp: now() }));
  }
  socket.on('message', (raw) => {
    let message;
    try {
      message = JSON.parse(raw);
    } catch (e) {
      socket.send(JSON.stringify({ type: 'error', code: 'invalid_json', message: 'not JSON', timestamp: now() }));
      return;
    }
    if (message.type !== 'message') {
      return;
    }
    const id = 'seed-m' + (++nextId).toString(36);
    const timestamp = now();
    // The data goes out as the client wrote it: {"type":"broadcast",...} first, as our generator expects.
    const data = JSON.stringify(message.data);
    socket.send('{"type":"echo","id":"' + id + '","data":' + data + ',"timestamp":"' + timestamp + '"}');
    sendToOthers(socket, '{"type":"broadcast","id":"' + id + '","from":"' + socket.id + '","data":' + data
      + ',"timestamp":"' + timestamp + '"}');
  });
  socket.on('close', () => {
    if (joinNotices) {
      sendToOthers(socket, JSON.stringify({ type: 'client_disconnected', clientId: socket.id,
        connections: server.clients.size, timestamp: now() }));
    }
  });
});

setInterval(() => {
  const frame = JSON.stringify({ type: 'system', event: 'heartbeat', stats: { connections: server.clients.size },
    timestamp: now() });
  for (const client of server.clients) {
    client.send(frame);
  }
}, heartbeatMs);

console.log('seed server listening on ws://localhost:' + port);
