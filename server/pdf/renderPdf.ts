// Renders a persona's PDF layout into the bytes of an A4 PDF.
import fontkit from '@pdf-lib/fontkit';
import { renderToBuffer } from '@react-pdf/renderer';
import { PDFDocument, rgb } from 'pdf-lib';
import { personaDocument } from './document.ts';
import { COLOR, FOOTER_BASELINE, FOOTER_SIZE, PAGE_X } from './theme.ts';
import { fontBytes, registerPdfFonts } from './fonts.ts';
import type { PdfLayout } from './layoutModel.ts';

export async function renderPersonaPdf(layout: PdfLayout): Promise<Buffer> {
  registerPdfFonts();
  const pdf = await renderToBuffer(personaDocument(layout));
  return numberPages(pdf, layout.footer.pageTemplate);
}

/**
 * Draws "Page 3 of 9" at the right of every page's footer, in the text font. Done after layout on
 * purpose: react-pdf lays out again everything after each page break when a page holds a node that
 * depends on the page number, which made a long persona render 40% slower.
 */
export async function numberPages(pdf: Buffer, template: string): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes('source-sans-3', 'latin', 400, 'normal'), { subset: true });
  const color = hexToRgb(COLOR.muted);
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const text = template.replace('{page}', String(index + 1)).replace('{total}', String(pages.length));
    const width = font.widthOfTextAtSize(text, FOOTER_SIZE);
    page.drawText(text, { x: page.getWidth() - PAGE_X - width, y: FOOTER_BASELINE, size: FOOTER_SIZE, font, color });
  });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function hexToRgb(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16);
  return rgb(((n >> 16) & 0xff) / 255, ((n >> 8) & 0xff) / 255, (n & 0xff) / 255);
}
