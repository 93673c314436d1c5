// The scorecard of a persona, the joint report of every persona for a period, and members' notices (SPEC §8).
import type { FastifyInstance } from 'fastify';
import type { NoticeListResponse, ReportEntry, ReportResponse, ScorecardResponse } from '../../shared/api.ts';
import { periodQuerySchema } from '../../shared/api.ts';
import type { Directory } from '../../shared/persona/authors.ts';
import { isPersonaId } from '../../shared/persona/schema.ts';
import type { Period } from '../../shared/scorecard/periods.ts';
import { directoryOf } from '../auth/members.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import { personaTargetsOf, type PersonaTargets, type Scorecards } from '../crm/scorecards.ts';
import { PdfUnavailableError, type PdfRenderer } from '../pdf/renderThread.ts';
import type { Storage } from '../storage/storage.ts';
import type { WriteQueue } from '../storage/writeQueue.ts';
import { requirePrincipal, requireRole, type RequestAuth } from './auth.ts';
import { ApiError, parseQuery } from './errors.ts';

export interface ScorecardRoutesOptions {
  auth: RequestAuth;
  queue: WriteQueue;
  storage: Storage;
  rooms: RoomRegistry;
  scorecards: Scorecards;
  /** The PDF worker pool: the report renders there, under the persona PDF's limits. */
  pdf: PdfRenderer;
}

export interface JointReport {
  period: Period;
  personas: ReportEntry[];
}

/** Builds the joint report; shared by its JSON and its PDF. */
export type ReportBuilder = (period: Period) => Promise<JointReport>;

export function registerScorecardRoutes(app: FastifyInstance, { auth, queue, storage, rooms, scorecards, pdf: renderer }: ScorecardRoutesOptions): ReportBuilder {
  async function targetsOf(id: string, directory: Directory): Promise<PersonaTargets> {
    const state = await rooms.currentState(id);
    if (state === null) throw new ApiError('not_found', `There is no persona ${id}`);
    return personaTargetsOf(state, directory);
  }

  app.get<{ Params: { id: string } }>('/api/personas/:id/scorecard', async (request): Promise<ScorecardResponse> => {
    await requireRole(auth, request, 'viewer');
    const id = request.params.id;
    if (!isPersonaId(id)) throw new ApiError('bad_request', 'A persona id is 1 to 64 letters, digits, "-" or "_"');
    const { period } = parseQuery(periodQuerySchema, request.query);
    const { targets } = await targetsOf(id, await directoryOf(storage.people));
    return scorecards.scorecardWithTrend(id, period, targets);
  });

  const buildReport: ReportBuilder = async (period) => {
    const [rows, directory] = await Promise.all([storage.index.listIndex(), directoryOf(storage.people)]);
    const personas: ReportEntry[] = [];
    for (const row of rows) {
      const state = await rooms.currentState(row.id);
      if (state === null) continue;
      const { name, targets } = personaTargetsOf(state, directory);
      const scorecard = await scorecards.scorecardWithTrend(row.id, period, targets);
      const agreed = targets.filter((target) => target.period === period && target.agreed);
      const namesOf = (side: 'marketing' | 'sales') =>
        [...new Set(agreed.flatMap((target) => (target.signoffs[side] ? [target.signoffs[side].by] : [])))].sort((a, b) => a.localeCompare(b));
      personas.push({ id: row.id, name, scorecard, agreedBy: { marketing: namesOf('marketing'), sales: namesOf('sales') } });
    }
    personas.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { period, personas };
  };

  app.get('/api/report', async (request): Promise<ReportResponse> => {
    await requireRole(auth, request, 'editor');
    const { period } = parseQuery(periodQuerySchema, request.query);
    return buildReport(period);
  });

  app.get('/api/report/export.pdf', async (request, reply) => {
    await requireRole(auth, request, 'editor');
    const { period, lang = 'en' } = parseQuery(periodQuerySchema, request.query);
    const pdf = await renderer.renderReport(`report:${period}:${lang}`, await buildReport(period), lang).catch((error: unknown) => {
      if (!(error instanceof PdfUnavailableError)) throw error;
      const message = `The PDF cannot be made right now (${error.message}); try again in ${error.retryAfterSeconds} s`;
      throw new ApiError('unavailable', message, { retryAfterSeconds: error.retryAfterSeconds });
    });
    const filename = `joint-report-${period}.pdf`;
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.get('/api/me/notices', async (request): Promise<NoticeListResponse> => {
    const principal = await requirePrincipal(auth, request);
    if (principal.kind !== 'member') return { notices: [] };
    const notices = await storage.crm.listNotices(principal.member.id);
    return { notices: notices.map(({ memberId: _memberId, detail, ...notice }) => ({ ...notice, detail: detail as NoticeListResponse['notices'][number]['detail'] })) };
  });

  app.post<{ Params: { id: string } }>('/api/me/notices/:id/read', async (request, reply) => {
    const principal = await requirePrincipal(auth, request);
    const found = principal.kind === 'member' && (await queue.run(() => storage.crm.markNoticeRead(principal.member.id, request.params.id, new Date().toISOString())));
    if (!found) throw new ApiError('not_found', 'You have no such notice');
    return reply.status(204).send();
  });

  return buildReport;
}
