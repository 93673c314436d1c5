// A socket that floods a room with presence, in its own process so that the load generator's figures
// are not its own work: `tsx bench/lib/flooder.ts <ws url with token> <FloodPlan JSON>`. On SIGTERM
// it prints `{ bytes, closes }` as one JSON line and exits. Run it, never import it.
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { MessageType } from '../../shared/protocol.ts';

/** What it sends on every connection: `hugeStates` of `hugeBytes`, then `largeStates` of `largeBytes`. */
export interface FloodPlan {
  hugeStates: number;
  hugeBytes: number;
  largeStates: number;
  largeBytes: number;
}

const [url, plan] = process.argv.slice(2);
if (!url || !plan) throw new Error('usage: flooder.ts <ws url> <FloodPlan JSON>');
const FLOOD = JSON.parse(plan) as FloodPlan;
const huge = frame(1, FLOOD.hugeBytes);
const large = frame(2, FLOOD.largeBytes);
let bytes = 0;
let closes = 0;

function connect(): void {
  const socket = new WebSocket(url ?? '');
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closes += 1;
    setImmediate(connect);
  });
  socket.on('open', () => {
    const send = (data: Uint8Array) => {
      if (socket.readyState !== socket.OPEN) return false;
      socket.send(data);
      bytes += data.length;
      return true;
    };
    for (let i = 0; i < FLOOD.hugeStates; i++) send(huge(i));
    let sentLarge = 0;
    const burst = () => {
      for (let i = 0; i < 20 && sentLarge < FLOOD.largeStates; i++, sentLarge++) if (!send(large(sentLarge))) return;
      if (sentLarge < FLOOD.largeStates) setImmediate(burst);
    };
    burst();
  });
}

/** An awareness message for one client id with a state of about `size` bytes; the clock goes up with each. */
function frame(clientId: number, size: number): (clock: number) => Uint8Array {
  const pad = 'x'.repeat(size);
  return (clock) => {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, 900_000 + clientId);
    encoding.writeVarUint(update, clock + 1);
    encoding.writeVarString(update, JSON.stringify({ user: { name: 'Flooder', side: 'sales', color: '#ea580c' }, pad }));
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, MessageType.awareness);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    return encoding.toUint8Array(message);
  };
}

process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ bytes, closes })}\n`, () => process.exit(0));
});
connect();
