import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import type { PersonaListResponse } from '../../shared/api.ts';
import { createPersonaRequestSchema, personaListQuerySchema } from '../../shared/api.ts';
import { directoryOf } from '../auth/members.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import { indexEntryOf } from '../persona/indexEntry.ts';
import { buildPersonaState } from '../persona/templates.ts';
import type { Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseBody, parseQuery } from './errors.ts';

export interface PersonaRoutesOptions {
  auth: RequestAuth;
  queue: WriteQueue;
  storage: Storage;
  rooms: RoomRegistry;
}

/** 12 URL-safe characters: unguessable, and valid as a persona id. */
const newPersonaId = () => randomBytes(9).toString('base64url');

export function registerPersonaRoutes(app: FastifyInstance, { auth, queue, storage, rooms }: PersonaRoutesOptions): void {
  app.get('/api/personas', async (request): Promise<PersonaListResponse> => {
    await requireRole(auth, request, 'editor');
    const { limit, cursor } = parseQuery(personaListQuerySchema, request.query);
    const after = cursor === undefined ? null : readCursor(cursor);
    // One row more than the page says whether another page follows.
    const [found, directory] = await Promise.all([storage.index.listIndex({ limit: limit + 1, after }), directoryOf(storage.people)]);
    const rows = found.slice(0, limit);
    const last = rows.at(-1);
    const nextCursor = found.length > limit && last ? writeCursor(last) : null;
    const personas = rows.map((row) => {
      // A persona being edited right now is read from its document; the stored row lags by a second.
      const { name, role, segment, evidence, updatedAt } = rooms.liveIndexEntry(row.id, directory) ?? row;
      return { id: row.id, name, role, segment, updatedAt, evidence, publishedVersion: row.publishedVersion, publishedAt: row.publishedAt };
    });
    // Most recently changed first; ISO strings of one format sort as their times do.
    personas.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    return { personas, nextCursor };
  });

  app.post('/api/personas', async (request, reply) => {
    await requireRole(auth, request, 'editor');
    const { name, template = 'blank', language = 'en' } = parseBody(createPersonaRequestSchema, request.body);
    const now = new Date();
    // S3: the template is written here, once, never by a client.
    const state = buildPersonaState({ template, language, now, ...(name ? { name } : {}) });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    for (;;) {
      const id = newPersonaId();
      const entry = indexEntryOf(id, doc, now);
      if (await queue.run(() => storage.createPersona(entry, state))) {
        doc.destroy();
        return reply.status(201).send({ id });
      }
    }
  });
}

/** The cursor is opaque to clients: the last row's place in the list's order (stored updatedAt, id). */
function writeCursor(row: { id: string; updatedAt: string }): string {
  return Buffer.from(JSON.stringify([row.updatedAt, row.id])).toString('base64url');
}

function readCursor(cursor: string): { updatedAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { updatedAt: value[0], id: value[1] };
    }
  } catch {
    // answered below
  }
  throw new ApiError('bad_request', 'cursor is not one this server gave out; start again without it');
}
