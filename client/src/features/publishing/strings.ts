// Strings for downloading a PDF, in both languages.

export const pdfExportEn = {
  'pdf.download': 'Download PDF',
  'pdf.rendering': 'Preparing the PDF…',
  'pdf.downloaded': 'PDF downloaded.',
  'pdf.failed': 'The PDF could not be made: {reason}',
  'publish.check.notStarted': 'Not started (nothing written yet, it is published empty): {sections}',
} as const;

export const pdfExportEs: Readonly<Record<keyof typeof pdfExportEn, string>> = {
  'pdf.download': 'Descargar PDF',
  'pdf.rendering': 'Preparando el PDF…',
  'pdf.downloaded': 'PDF descargado.',
  'pdf.failed': 'No se pudo generar el PDF: {reason}',
  'publish.check.notStarted': 'Sin empezar (aún no hay nada escrito, se publica vacía): {sections}',
};
