// Issue 14, item 7: a per-document size cap (MAX_DOCUMENT_BYTES) with a clear close code.
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { getSection } from '../../shared/persona/schema.ts';
import { CloseCodes } from '../../shared/protocol.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { readStoredDoc } from '../helpers/store.ts';

const { pool, start } = useCollabFixture();

const CAP = 256 * 1024;
const chunk = (i: number) => `${i} ${'x'.repeat(32 * 1024)}`;

describe('issue 14 item 7: the per-document size cap', () => {
  it('defaults to 64 MiB and is set by MAX_DOCUMENT_BYTES', () => {
    expect(loadConfig({}).maxDocumentBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ MAX_DOCUMENT_BYTES: '1048576' }).maxDocumentBytes).toBe(1_048_576);
  });

  it('an update that would take a persona past the cap is refused with 4413, nothing of it stored or sent; other personas go on', async () => {
    const t = await start({ MAX_DOCUMENT_BYTES: String(CAP) });
    const id = await createPersona(t);
    const other = await createPersona(t);
    const writer = pool.connect(t, id, t.editorToken);
    const reader = pool.connect(t, id, t.salesToken);
    await Promise.all([writer.synced(), reader.synced()]);
    let written = 0;
    while (writer.closes.length === 0 && written < 20) {
      appendParagraph(writer.doc, 'goals', chunk(written));
      written += 1;
      await vi.waitFor(() => expect(writer.closes.length > 0 || sectionText(reader.doc, 'goals').includes(chunk(written - 1))).toBe(true));
    }
    expect(writer.closes[0]).toEqual({ code: CloseCodes.TooLarge.code, reason: CloseCodes.TooLarge.reason });
    const refused = chunk(written - 1);
    expect(written).toBeLessThan(10);
    expect(sectionText(reader.doc, 'goals')).not.toContain(refused);
    const stored = await readStoredDoc(t.dataDir, id);
    expect(sectionText(stored.doc, 'goals')).not.toContain(refused);
    expect(sectionText(stored.doc, 'goals')).toContain(chunk(0));

    const elsewhere = pool.connect(t, other, t.editorToken);
    await elsewhere.synced();
    appendParagraph(elsewhere.doc, 'goals', 'small and fine');
    await vi.waitFor(async () => expect(sectionText((await readStoredDoc(t.dataDir, other)).doc, 'goals')).toContain('small and fine'));
    expect(reader.closes).toEqual([]);
  });

  it('edits that cancel out (paste, delete, again and again) never reach the cap: the log is folded as it grows', async () => {
    const t = await start({ MAX_DOCUMENT_BYTES: String(CAP) });
    const id = await createPersona(t);
    const writer = pool.connect(t, id, t.editorToken);
    const reader = pool.connect(t, id, t.salesToken);
    await Promise.all([writer.synced(), reader.synced()]);
    // Twenty times 32 KB pasted and deleted: 640 KB through the log, a small document throughout.
    for (let i = 0; i < 20; i++) {
      appendParagraph(writer.doc, 'goals', chunk(i));
      await vi.waitFor(() => expect(sectionText(reader.doc, 'goals')).toContain(chunk(i)));
      const goals = getSection(writer.doc, 'goals');
      goals.delete(0, goals.length);
      await vi.waitFor(() => expect(sectionText(reader.doc, 'goals')).toBe(''));
    }
    expect(writer.closes).toEqual([]);
  });
});
