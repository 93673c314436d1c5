// The portable archive of a whole Tandem (npm run backup / restore): gzip'd JSON Lines, a header
// line, one line per record, and a trailer with the counts and a SHA-256 of every line before it,
// so that a truncated or altered archive is refused before anything is restored from it.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import { parsePortableRecord, PORTABLE_FORMAT, PORTABLE_KINDS, zeroCounts, type PortableCounts, type PortableRecord } from './portable.ts';
import { StoreError, type PortableExport } from './storage.ts';

export const ARCHIVE_SUFFIX = '.tandem.jsonl.gz';
const ARCHIVE_TAG = 'tandem-archive';
/** No line of an archive Tandem writes comes near this (a CRM file is at most 10 MiB); a longer one is damage. */
const MAX_LINE_BYTES = 256 * 1024 * 1024;

/** Counts per kind as an archive carries them: kinds this version does not know are kept, to be refused by name. */
const countsSchema = z.record(z.string(), z.number().int().nonnegative());

const headerSchema = z.object({
  format: z.literal(ARCHIVE_TAG),
  version: z.number().int().positive(),
  createdAt: z.string(),
  backend: z.string(),
  counts: countsSchema,
});
export type ArchiveHeader = z.infer<typeof headerSchema>;

const trailerSchema = z.strictObject({ end: z.literal(ARCHIVE_TAG), counts: countsSchema, sha256: z.string() });

/** The archive is not one this version of Tandem can restore, or it was damaged; nothing was restored. */
export class ArchiveError extends StoreError {}

/** Writes the export to `file` (refusing to overwrite one); it appears only once complete. Returns the counts. */
export async function writeArchive(snapshot: PortableExport, file: string, createdAt: string): Promise<PortableCounts> {
  if (existsSync(file)) throw new ArchiveError(`${file} already exists: a backup never overwrites a file; choose another name`);
  const partial = `${file}.partial`;
  const hash = createHash('sha256');
  const counts = zeroCounts();
  const header: ArchiveHeader = { format: ARCHIVE_TAG, version: PORTABLE_FORMAT, createdAt, backend: snapshot.backend, counts: snapshot.counts };
  // Lines go out in chunks of about 64 KiB: one write per small record would cost more than the record.
  async function* chunks(): AsyncGenerator<string> {
    let chunk = `${JSON.stringify(header)}\n`;
    hash.update(chunk);
    for await (const record of snapshot.records()) {
      counts[record.kind] += 1;
      const line = `${JSON.stringify(record)}\n`;
      hash.update(line);
      chunk += line;
      if (chunk.length >= 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    const mismatch = PORTABLE_KINDS.find((kind) => counts[kind] !== snapshot.counts[kind]);
    if (mismatch) throw new ArchiveError(`the store exported ${counts[mismatch]} ${mismatch} records but counted ${snapshot.counts[mismatch]}`);
    yield `${chunk}${JSON.stringify({ end: ARCHIVE_TAG, counts, sha256: hash.digest('hex') })}\n`;
  }
  try {
    await pipeline(Readable.from(chunks()), createGzip(), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    await snapshot.close();
  }
  return counts;
}

export interface OpenedArchive {
  header: ArchiveHeader;
  /**
   * The records, each checked; it throws an ArchiveError at the first damaged line, at a missing or
   * wrong trailer, or when the counts or the SHA-256 differ, so a consumer that writes all or none
   * (Portable.importAll) keeps nothing of a damaged archive.
   */
  records(): AsyncIterable<PortableRecord>;
}

/** Reads an archive's header; its records are checked as they are read. */
export async function openArchive(file: string): Promise<OpenedArchive> {
  const first = await firstLine(file);
  const header = parseHeader(first);
  async function* records(): AsyncGenerator<PortableRecord> {
    const hash = createHash('sha256');
    const counts = zeroCounts();
    let trailer: z.infer<typeof trailerSchema> | null = null;
    let number = 0;
    for await (const line of readLines(file)) {
      number += 1;
      if (trailer) throw new ArchiveError(`${file}: line ${number} follows the archive's end: it was altered`);
      if (number === 1) {
        hash.update(`${line}\n`);
        continue;
      }
      const value = parseLine(file, number, line);
      const end = trailerSchema.safeParse(value);
      if (end.success) {
        trailer = end.data;
        continue;
      }
      hash.update(`${line}\n`);
      let record: PortableRecord;
      try {
        record = parsePortableRecord(value);
      } catch (err) {
        throw new ArchiveError(`${file}: line ${number}: ${(err as Error).message}`);
      }
      counts[record.kind] += 1;
      yield record;
    }
    if (!trailer) throw new ArchiveError(`${file} ends before its last line: the archive is truncated; nothing was restored`);
    if (trailer.sha256 !== hash.digest('hex')) throw new ArchiveError(`${file}: its SHA-256 does not match its content: the archive was altered; nothing was restored`);
    for (const kind of PORTABLE_KINDS) {
      if (counts[kind] !== (trailer.counts[kind] ?? 0) || counts[kind] !== (header.counts[kind] ?? 0)) {
        throw new ArchiveError(`${file} holds ${counts[kind]} ${kind} records but says ${trailer.counts[kind] ?? 0}: the archive was altered`);
      }
    }
  }
  return { header, records };
}

/** Reads a whole archive, checking every line, the counts and the SHA-256, without restoring anything. */
export async function checkArchive(file: string): Promise<{ header: ArchiveHeader; counts: PortableCounts }> {
  const archive = await openArchive(file);
  const counts = zeroCounts();
  for await (const record of archive.records()) counts[record.kind] += 1;
  return { header: archive.header, counts };
}

function parseHeader(line: string | null): ArchiveHeader {
  const parsed = headerSchema.safeParse(line === null ? null : safeJson(line));
  if (!parsed.success) throw new ArchiveError('this file is not a Tandem archive (its first line is not an archive header)');
  const header = parsed.data;
  if (header.version > PORTABLE_FORMAT) {
    throw new ArchiveError(`the archive was written by a newer Tandem (format ${header.version}; this one reads up to ${PORTABLE_FORMAT}): restore it with that version`);
  }
  const unknown = Object.keys(header.counts).filter((kind) => !(PORTABLE_KINDS as string[]).includes(kind));
  if (unknown.length > 0) {
    throw new ArchiveError(`the archive holds records this version of Tandem does not know (${unknown.join(', ')}): restore it with the version that wrote it, or a newer one`);
  }
  return header;
}

function parseLine(file: string, number: number, line: string): unknown {
  const value = safeJson(line);
  if (value === undefined) throw new ArchiveError(`${file}: line ${number} is not JSON: the archive is damaged; nothing was restored`);
  return value;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

async function firstLine(file: string): Promise<string | null> {
  for await (const line of readLines(file)) return line;
  return null;
}

/** The archive's lines, decompressed; a damaged gzip stream is an ArchiveError. */
async function* readLines(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new ArchiveError(`${file} does not exist`);
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
        pending.push(chunk.subarray(start, end));
        yield Buffer.concat(pending).toString('utf8');
        pending = [];
        pendingBytes = 0;
        start = end + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > MAX_LINE_BYTES) throw new ArchiveError(`${file} has a line longer than ${MAX_LINE_BYTES} bytes: it is not a Tandem archive`);
      }
    }
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'Z_BUF_ERROR' ? 'it is truncated' : `it cannot be read (${(err as Error).message})`;
    throw new ArchiveError(`${file} is damaged: ${why}; nothing was restored`, { cause: err });
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (pendingBytes > 0) throw new ArchiveError(`${file} ends in the middle of a line: the archive is truncated; nothing was restored`);
}
