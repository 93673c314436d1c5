// Strings for the Joint report page and the published targets and scorecards in the library.

export const reportEn = {
  'report.nav': 'Joint report',
  'report.title': 'Joint report',
  'report.subtitle': 'Every persona’s targets against the CRM, for the meeting where marketing and sales present their numbers together.',
  'report.loading': 'Loading the report…',
  'report.error': 'The report could not be loaded.',
  'report.empty.title': 'Nothing to report for {period}',
  'report.empty.body': 'No persona has a target for this period. Propose targets in a persona’s Goals tab, then come back.',
  'report.agreedBy': 'Agreed by',
  'report.agreedBy.none': 'No target agreed yet',
  'report.met': '{met} of {total} targets met',
  'report.openPersona': 'Open {persona}',
  'report.pdf.name': 'joint-report',

  'library.goals.title': 'Goals & results',
  'library.goals.none': 'This version has no targets.',
  'library.goals.signedBy': 'Signed by {names}',
  'library.goals.notSigned': 'Not signed by both teams',
  'library.goals.scorecard': 'Scorecard {period}',
  'library.goals.basis': 'As published: from the import of {when}, {deals} deals',
  'library.goals.noImport': 'No CRM import when this version was published.',
} as const;

export const reportEs: Readonly<Record<keyof typeof reportEn, string>> = {
  'report.nav': 'Informe conjunto',
  'report.title': 'Informe conjunto',
  'report.subtitle': 'Los objetivos de cada buyer persona frente al CRM, para la reunión en la que marketing y ventas presentan sus cifras juntos.',
  'report.loading': 'Cargando el informe…',
  'report.error': 'No se pudo cargar el informe.',
  'report.empty.title': 'No hay nada que informar en {period}',
  'report.empty.body': 'Ningún buyer persona tiene objetivos para este periodo. Propón objetivos en la pestaña Objetivos de un buyer persona y vuelve aquí.',
  'report.agreedBy': 'Acordado por',
  'report.agreedBy.none': 'Todavía no hay objetivos acordados',
  'report.met': '{met} de {total} objetivos cumplidos',
  'report.openPersona': 'Abrir {persona}',
  'report.pdf.name': 'informe-conjunto',

  'library.goals.title': 'Objetivos y resultados',
  'library.goals.none': 'Esta versión no tiene objetivos.',
  'library.goals.signedBy': 'Firmado por {names}',
  'library.goals.notSigned': 'Sin la firma de ambos equipos',
  'library.goals.scorecard': 'Cuadro de resultados {period}',
  'library.goals.basis': 'Tal como se publicó: de la importación del {when}, {deals} operaciones',
  'library.goals.noImport': 'No había ninguna importación del CRM cuando se publicó esta versión.',
};
