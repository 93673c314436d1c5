import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/api.ts';
import type { Logger } from '../logger.ts';

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
  unavailable: 503,
};

/** An error the API reports as `{ error: { code, message } }` with its status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Sent as Retry-After: when it is worth asking again (503). */
    readonly options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** A request body checked against its schema; a bad one is a 400 naming every problem. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  return parseInput(schema, body ?? {}, 'body');
}

/** A query string checked against its schema, the same way. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  return parseInput(schema, query ?? {}, 'query');
}

function parseInput<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.');
    return issue.code === 'unrecognized_keys' ? `${where}: ${issue.message}` : `${path || where}: ${issue.message}`;
  });
  throw new ApiError('bad_request', detail.join('; '));
}

/** Fastify's own errors (body parsing, limits) mapped to the API's error shape. */
function fromFastify(err: FastifyError): ApiError {
  switch (err.statusCode) {
    case 400:
      return new ApiError('bad_request', err.message);
    case 404:
      return new ApiError('not_found', err.message);
    case 413:
      return new ApiError('too_large', 'Request body is too large');
    case 415:
      return new ApiError('unsupported_media_type', 'Send JSON with Content-Type: application/json');
    default:
      return new ApiError('internal', 'Something went wrong on the server');
  }
}

export function createErrorHandler(logger: Logger) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const apiError = err instanceof ApiError ? err : fromFastify(err);
    if (apiError.code === 'internal') logger.error({ err, url: request.url }, 'request failed');
    const { retryAfterSeconds } = apiError.options;
    if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
    return reply.status(apiError.status).send(apiError.toBody());
  };
}
