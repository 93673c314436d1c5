// Strings for what the server says about a persona's health (issue 14): saving failing, size cap reached.

export const healthEn = {
  'health.savingFailing':
    'Saving is failing, your edits are kept. The server keeps trying to save this persona; keep this page open until this message goes away.',
  'health.tooLarge.title': 'This persona is too large to save more',
  'health.tooLarge.body':
    'It has reached the largest size the server accepts, so your latest change was not saved on the server; it is kept in this browser only. Ask your Tandem admin to raise the limit (MAX_DOCUMENT_BYTES).',
  'health.tooLarge.back': 'Back to the personas',
  'health.unreadable.title': 'This persona cannot be opened',
  'health.unreadable.body':
    'The server cannot read what it stored of this persona, so it keeps it closed to protect it. Everything else in Tandem works. Ask your Tandem admin to restore it from a backup; edits kept in this browser stay here.',
} as const;

export const healthEs: Readonly<Record<keyof typeof healthEn, string>> = {
  'health.savingFailing':
    'No se está pudiendo guardar; tus cambios se conservan. El servidor sigue intentando guardar esta persona: mantén esta página abierta hasta que desaparezca este aviso.',
  'health.tooLarge.title': 'Esta persona es demasiado grande para guardar más',
  'health.tooLarge.body':
    'Ha alcanzado el tamaño máximo que acepta el servidor, así que tu último cambio no se guardó en el servidor; solo se conserva en este navegador. Pide a quien administra Tandem que amplíe el límite (MAX_DOCUMENT_BYTES).',
  'health.tooLarge.back': 'Volver a las personas',
  'health.unreadable.title': 'No se puede abrir esta persona',
  'health.unreadable.body':
    'El servidor no puede leer lo que guardó de esta persona, así que la mantiene cerrada para protegerla. Todo lo demás de Tandem funciona. Pide a quien administra Tandem que la restaure desde una copia de seguridad; los cambios guardados en este navegador se quedan aquí.',
};
