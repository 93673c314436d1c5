// Strings for the threads feature, in both languages.

export const threadsEn = {
  'threads.title': 'Feedback threads',
  'threads.filter.status': 'Show threads',
  'threads.filter.open': 'Open ({count})',
  'threads.filter.resolved': 'Resolved ({count})',
  'threads.filter.all': 'All',
  'threads.filter.section': 'Section',
  'threads.filter.allSections': 'All sections',
  'threads.filter.sectionOption': '{section} ({count} open)',

  'threads.compose.target': 'Start a thread on',
  'threads.compose.text': 'Your message',
  'threads.compose.placeholder': 'Ask the other team a question, or say what this section is missing…',
  'threads.compose.hint': 'Ctrl+Enter (⌘+Enter on a Mac) starts the thread.',
  'threads.compose.submit': 'Start thread',
  'threads.compose.empty': 'Write a message before starting the thread.',

  'threads.reply.label': 'Reply',
  'threads.reply.placeholder': 'Write a reply…',
  'threads.reply.hint': 'Ctrl+Enter (⌘+Enter on a Mac) sends.',
  'threads.reply.submit': 'Send reply',
  'threads.reply.empty': 'Write a reply before sending it.',
  'threads.reply.gone': 'This thread was removed by someone else, so your reply was not sent. Copy it if you want to keep it.',

  'threads.resolve': 'Resolve',
  'threads.reopen': 'Reopen',
  'threads.resolved': 'Resolved',
  'threads.author.unverified': '{name} (unverified)',
  'threads.author.unverifiedHint': 'Written before people had accounts here: the name is what that browser said, not checked.',
  'threads.goToSection': 'Go to the {section} section',
  'threads.replies.one': '1 reply',
  'threads.replies.other': '{count} replies',
  'threads.replies.show': 'Show {replies}',
  'threads.replies.hide': 'Hide replies',

  'threads.empty.none': 'No threads yet. Start one to ask the other team about a section.',
  'threads.empty.noneReadOnly': 'No threads yet. When the teams ask each other about a section, the conversation shows here.',
  'threads.empty.noneOpen': 'Nothing open. Every thread is resolved.',
  'threads.empty.showResolved': 'Show resolved threads',
  'threads.empty.noneResolved': 'No resolved threads yet.',
  'threads.empty.showOpen': 'Show open threads',
  'threads.empty.noneInSection': 'No threads on {section} yet.',
  'threads.empty.showAllSections': 'Show all sections',

  'threads.lost.title': 'A thread you were replying to was removed by someone else. Your reply was not sent:',
  'threads.lost.dismiss': 'Dismiss',

  'threads.announce.started': 'Thread started on {section}.',
  'threads.announce.replied': 'Reply sent.',
  'threads.announce.resolved': 'Thread resolved.',
  'threads.announce.reopened': 'Thread reopened.',

  'threads.badge.one': '1 open thread',
  'threads.badge.other': '{count} open threads',
} as const;

export type ThreadsKey = keyof typeof threadsEn;

export const threadsEs: Record<ThreadsKey, string> = {
  'threads.title': 'Hilos de comentarios',
  'threads.filter.status': 'Mostrar hilos',
  'threads.filter.open': 'Abiertos ({count})',
  'threads.filter.resolved': 'Resueltos ({count})',
  'threads.filter.all': 'Todos',
  'threads.filter.section': 'Sección',
  'threads.filter.allSections': 'Todas las secciones',
  'threads.filter.sectionOption': '{section} ({count} abiertos)',

  'threads.compose.target': 'Abrir un hilo sobre',
  'threads.compose.text': 'Tu mensaje',
  'threads.compose.placeholder': 'Pregunta al otro equipo o di qué le falta a esta sección…',
  'threads.compose.hint': 'Ctrl+Intro (⌘+Intro en un Mac) abre el hilo.',
  'threads.compose.submit': 'Abrir hilo',
  'threads.compose.empty': 'Escribe un mensaje antes de abrir el hilo.',

  'threads.reply.label': 'Responder',
  'threads.reply.placeholder': 'Escribe una respuesta…',
  'threads.reply.hint': 'Ctrl+Intro (⌘+Intro en un Mac) la envía.',
  'threads.reply.submit': 'Enviar respuesta',
  'threads.reply.empty': 'Escribe una respuesta antes de enviarla.',
  'threads.reply.gone': 'Otra persona ha eliminado este hilo, así que tu respuesta no se ha enviado. Cópiala si quieres conservarla.',

  'threads.resolve': 'Resolver',
  'threads.reopen': 'Reabrir',
  'threads.resolved': 'Resuelto',
  'threads.author.unverified': '{name} (sin verificar)',
  'threads.author.unverifiedHint': 'Escrito antes de que hubiera cuentas de personas: el nombre es el que dio ese navegador, sin comprobar.',
  'threads.goToSection': 'Ir a la sección {section}',
  'threads.replies.one': '1 respuesta',
  'threads.replies.other': '{count} respuestas',
  'threads.replies.show': 'Mostrar {replies}',
  'threads.replies.hide': 'Ocultar respuestas',

  'threads.empty.none': 'Todavía no hay hilos. Abre uno para preguntar al otro equipo sobre una sección.',
  'threads.empty.noneReadOnly': 'Todavía no hay hilos. Cuando los equipos se pregunten algo sobre una sección, la conversación aparecerá aquí.',
  'threads.empty.noneOpen': 'No hay nada abierto. Todos los hilos están resueltos.',
  'threads.empty.showResolved': 'Mostrar hilos resueltos',
  'threads.empty.noneResolved': 'Todavía no hay hilos resueltos.',
  'threads.empty.showOpen': 'Mostrar hilos abiertos',
  'threads.empty.noneInSection': 'Todavía no hay hilos sobre {section}.',
  'threads.empty.showAllSections': 'Mostrar todas las secciones',

  'threads.lost.title': 'Otra persona ha eliminado un hilo al que estabas respondiendo. Tu respuesta no se ha enviado:',
  'threads.lost.dismiss': 'Descartar',

  'threads.announce.started': 'Hilo abierto sobre {section}.',
  'threads.announce.replied': 'Respuesta enviada.',
  'threads.announce.resolved': 'Hilo resuelto.',
  'threads.announce.reopened': 'Hilo reabierto.',

  'threads.badge.one': '1 hilo abierto',
  'threads.badge.other': '{count} hilos abiertos',
};
