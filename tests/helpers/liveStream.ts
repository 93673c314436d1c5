import { get, type IncomingMessage } from 'node:http';
import type { StreamMessage } from '../../shared/feedback/api.ts';
import { streamMessageSchema } from '../../shared/feedback/api.ts';
import { createEventStreamParser } from '../../client/src/features/feedback/eventStream.ts';
import type { TestServer } from './server.ts';

/** A member's live stream (`GET /api/me/stream`) read as a browser tab would; `stop` in afterEach. */
export interface OpenStream {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  /** A refused stream's answer (its error body), for expectApiError. */
  asResponse(): Response;
  /** Every message so far, in order, each checked against the shared schema. */
  messages: StreamMessage[];
  /** Everything received, comments included. */
  text(): string;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  isEnded(): boolean;
  stop(): void;
}

/**
 * Read with node:http on a connection of its own (no pool): stopping it closes that connection,
 * as closing a tab does.
 */
export async function openStream(t: TestServer, token: string | null, path = '/api/me/stream'): Promise<OpenStream> {
  const request = get(`${t.url}${path}`, { agent: false, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  const response = await new Promise<IncomingMessage>((resolve, reject) => request.once('response', resolve).once('error', reject));
  const status = response.statusCode ?? 0;
  const messages: StreamMessage[] = [];
  let raw = '';
  let ended = false;
  const parser = createEventStreamParser((data) => messages.push(streamMessageSchema.parse(JSON.parse(data))));
  response.setEncoding('utf8');
  response.on('data', (text: string) => {
    raw += text;
    if (status === 200) parser.push(text);
  });
  const done = new Promise<void>((resolve) => {
    response.once('close', resolve);
    request.once('error', () => resolve());
  }).then(() => void (ended = true));
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === 'string' ? value : null;
  };
  if (status !== 200) await done;
  return {
    status,
    contentType: header('content-type'),
    retryAfter: header('retry-after'),
    asResponse: () => new Response(raw, { status, headers: { 'content-type': header('content-type') ?? 'text/plain' } }),
    messages,
    text: () => raw,
    ended: done,
    isEnded: () => ended,
    stop: () => request.destroy(),
  };
}

/** The streams a test opened, stopped together. */
export function createStreamPool() {
  const open: OpenStream[] = [];
  return {
    async open(t: TestServer, token: string | null, path?: string): Promise<OpenStream> {
      const stream = await openStream(t, token, path);
      open.push(stream);
      return stream;
    },
    stopAll(): void {
      for (const stream of open.splice(0)) stream.stop();
    },
  };
}

/** The live notices a stream got. */
export const noticesOf = (stream: OpenStream) => stream.messages.flatMap((m) => (m.type === 'notice' ? [m.notice] : []));
