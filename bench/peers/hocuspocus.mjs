// Hocuspocus 4.7 with its SQLite extension, as a peer under test: `node bench/peers/hocuspocus.mjs`
// with HOST, PORT and DATABASE (the SQLite file). Plain JS, so Node runs it with no loader, as it
// runs the reference's src/server.js.
//
// Hocuspocus 4 multiplexes documents over one socket: every message starts with the document's name,
// and a document opens with an auth message. The stock y-websocket provider the bench drives does
// neither (it opens one socket per document at `/<name>`), so each socket gets a thin shim here: the
// name from the URL, one empty-token auth message first, the name prefixed to each incoming message and
// taken off each outgoing one; SyncReply (4) goes out as Sync (0), and messages y-websocket has no
// use for (auth answers, SyncStatus acks, pings) are dropped. Hocuspocus itself is unchanged.
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const QUERY_AWARENESS = 3;
const SYNC_REPLY = 4;
const AUTH_TOKEN = 0;

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? '0');
const database = process.env.DATABASE;
if (!database) throw new Error('DATABASE (the SQLite file) is required');

const server = new Server({
  address: host,
  port,
  quiet: true,
  extensions: [new SQLite({ database })],
});

const handleConnection = server.hocuspocus.handleConnection.bind(server.hocuspocus);
server.hocuspocus.handleConnection = (websocket, request) => {
  const name = decodeURIComponent(new URL(request.url).pathname.slice(1));
  const prefix = encoding.createEncoder();
  encoding.writeVarString(prefix, name);
  const address = encoding.toUint8Array(prefix);

  const shimmed = new Proxy(websocket, {
    get(target, key) {
      if (key === 'send') return (message) => unwrapAndSend(target, message);
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const connection = handleConnection(shimmed, request);
  const handleMessage = connection.handleMessage;
  connection.handleMessage = (data) => {
    const framed = new Uint8Array(address.length + data.length);
    framed.set(address, 0);
    framed.set(data, address.length);
    handleMessage(framed);
  };
  const auth = encoding.createEncoder();
  encoding.writeVarString(auth, name);
  encoding.writeVarUint(auth, AUTH);
  encoding.writeVarUint(auth, AUTH_TOKEN);
  encoding.writeVarString(auth, '');
  handleMessage(encoding.toUint8Array(auth));
  return connection;
};

/** Sends Hocuspocus's message without its document name, as y-websocket framing, or drops it. */
function unwrapAndSend(websocket, message) {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const body = message.subarray(decoder.pos);
  const type = body[0];
  if (type === SYNC || type === AWARENESS || type === QUERY_AWARENESS) {
    websocket.send(body);
  } else if (type === SYNC_REPLY) {
    const copy = Uint8Array.from(body);
    copy[0] = SYNC;
    websocket.send(copy);
  }
}

await server.listen();
const actual = server.httpServer.address();
process.stdout.write(`hocuspocus listening on ${host}:${typeof actual === 'object' && actual ? actual.port : port}\n`);
