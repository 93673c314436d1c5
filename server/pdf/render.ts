// Renders a persona's PDF layout into the bytes of an A4 PDF.
import { renderToBuffer } from '@react-pdf/renderer';
import { personaDocument } from './document.ts';
import { registerPdfFonts } from './fonts.ts';
import type { PdfLayout } from './layout.ts';

export function renderPersonaPdf(layout: PdfLayout): Promise<Buffer> {
  registerPdfFonts();
  return renderToBuffer(personaDocument(layout));
}
