// Strings for downloading a PDF, in both languages.

export const pdfExportEn = {
  'pdf.download': 'Download PDF',
  'pdf.rendering': 'Preparing the PDF…',
  'pdf.downloaded': 'PDF downloaded.',
  'pdf.failed': 'The PDF could not be made: {reason}',
  'pdf.busy': 'PDFs are busy right now, or this one could not be made in time. Try again in {seconds} s.',
  'publish.check.notStarted': 'Not started (nothing written yet, it is published empty): {sections}',
} as const;

export const pdfExportEs: Readonly<Record<keyof typeof pdfExportEn, string>> = {
  'pdf.download': 'Descargar PDF',
  'pdf.rendering': 'Preparando el PDF…',
  'pdf.downloaded': 'PDF descargado.',
  'pdf.failed': 'No se pudo generar el PDF: {reason}',
  'pdf.busy': 'Los PDF están ocupados ahora mismo, o este no se pudo generar a tiempo. Vuelve a intentarlo en {seconds} s.',
  'publish.check.notStarted': 'Sin empezar (aún no hay nada escrito, se publica vacía): {sections}',
};
