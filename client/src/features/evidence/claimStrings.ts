// Strings for claim links, assumptions and alignment, in both languages (evidence kinds' names are in shared/persona/labels.ts).

export const claimsEn = {
  'alignment.counts': '{marketing} marketing · {sales} sales',
  'alignment.detail.both': 'Marketing data and sales anecdotes both back this section.',
  'alignment.detail.needsSalesValidation': 'Only marketing data backs this section: ask sales whether conversations confirm it.',
  'alignment.detail.needsData': 'Only sales anecdotes back this section: look for figures that support it.',
  'alignment.detail.unbacked': 'No evidence backs this section yet.',

  'claim.backedBy': 'Evidence behind this claim ({count})',
  'claim.noItems': 'The evidence this claim linked to has been deleted.',
  'claim.source': 'Source: {source}',
  'claim.missing': '{count} linked item(s) no longer exist.',
  'claim.changeLinks': 'Change evidence',
  'claim.unlink': 'Unlink',
  'claim.assumption': 'Assumption',
  'claim.assumptions': 'Assumptions: {count}',
  'claim.assumptionsHint': 'List items with no linked evidence are assumptions until marketing data or a sales anecdote backs them.',
  'claim.link': 'Link evidence',
  'claim.linkHint': 'Select a claim, then link it to evidence',

  'link.title': 'Link evidence to this claim',
  'link.description': 'Choose the marketing data and sales anecdotes that back the selected text.',
  'link.search': 'Search evidence',
  'link.items': 'Evidence items',
  'link.noMatch': 'No evidence matches “{query}”.',
  'link.noEvidence': 'There is no evidence yet. Add marketing data or sales anecdotes on the board, then link them here.',
  'link.openBoard': 'Open the evidence board',
  'link.thisSection': 'This section',
  'link.apply': 'Link {count} selected',
  'link.remove': 'Remove the link',
  'link.none': 'Tick the items to link',
  'link.needsSelection': 'Select the words of a claim first, then link them to evidence.',

  'balance.title': 'Evidence balance',
  'balance.none': 'No evidence yet',
  'balance.label': 'Evidence balance: {marketing} from marketing, {sales} from sales',
  'balance.marketing': 'Marketing data: {count}',
  'balance.sales': 'Sales anecdotes: {count}',
  'balance.sections': '{state}: {count}',

  'section.openThreads': 'Open threads: {count}',
  'section.discuss': 'Discuss',

  'panel.label': 'Evidence and discussion',
  'panel.overview': 'Sections',
  'panel.evidence': 'Evidence',
  'panel.threads': 'Threads',
} as const;

export type ClaimsKey = keyof typeof claimsEn;

export const claimsEs: Record<ClaimsKey, string> = {
  'alignment.counts': '{marketing} de marketing · {sales} de ventas',
  'alignment.detail.both': 'Datos de marketing y anécdotas de ventas respaldan esta sección.',
  'alignment.detail.needsSalesValidation': 'Solo datos de marketing respaldan esta sección: pregunta a ventas si las conversaciones lo confirman.',
  'alignment.detail.needsData': 'Solo anécdotas de ventas respaldan esta sección: busca cifras que lo apoyen.',
  'alignment.detail.unbacked': 'Todavía no hay evidencia que respalde esta sección.',

  'claim.backedBy': 'Evidencia que respalda esta afirmación ({count})',
  'claim.noItems': 'La evidencia a la que enlazaba esta afirmación se ha borrado.',
  'claim.source': 'Fuente: {source}',
  'claim.missing': '{count} elemento(s) enlazado(s) ya no existe(n).',
  'claim.changeLinks': 'Cambiar evidencia',
  'claim.unlink': 'Desenlazar',
  'claim.assumption': 'Suposición',
  'claim.assumptions': 'Suposiciones: {count}',
  'claim.assumptionsHint': 'Los puntos de lista sin evidencia enlazada son suposiciones hasta que un dato de marketing o una anécdota de ventas los respalde.',
  'claim.link': 'Enlazar evidencia',
  'claim.linkHint': 'Selecciona una afirmación y enlázala con evidencia',

  'link.title': 'Enlazar evidencia con esta afirmación',
  'link.description': 'Elige los datos de marketing y las anécdotas de ventas que respaldan el texto seleccionado.',
  'link.search': 'Buscar evidencia',
  'link.items': 'Elementos de evidencia',
  'link.noMatch': 'Ninguna evidencia coincide con «{query}».',
  'link.noEvidence': 'Todavía no hay evidencia. Añade datos de marketing o anécdotas de ventas en el tablero y enlázalos aquí.',
  'link.openBoard': 'Abrir el tablero de evidencia',
  'link.thisSection': 'Esta sección',
  'link.apply': 'Enlazar {count} seleccionados',
  'link.remove': 'Quitar el enlace',
  'link.none': 'Marca los elementos que enlazar',
  'link.needsSelection': 'Primero selecciona las palabras de una afirmación y luego enlázalas con evidencia.',

  'balance.title': 'Equilibrio de la evidencia',
  'balance.none': 'Todavía no hay evidencia',
  'balance.label': 'Equilibrio de la evidencia: {marketing} de marketing, {sales} de ventas',
  'balance.marketing': 'Datos de marketing: {count}',
  'balance.sales': 'Anécdotas de ventas: {count}',
  'balance.sections': '{state}: {count}',

  'section.openThreads': 'Hilos abiertos: {count}',
  'section.discuss': 'Comentar',

  'panel.label': 'Evidencia y conversación',
  'panel.overview': 'Secciones',
  'panel.evidence': 'Evidencia',
  'panel.threads': 'Hilos',
};
