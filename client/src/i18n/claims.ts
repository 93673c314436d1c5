// Strings for evidence kinds, claim links, assumptions and alignment, in both languages.

export const claimsEn = {
  'kind.metric': 'Metric',
  'kind.behaviour': 'Behaviour',
  'kind.campaign': 'Campaign result',
  'kind.quote': 'Quote',
  'kind.objection': 'Objection',
  'kind.anecdote': 'Anecdote',
  'kind.deal': 'Deal',

  'alignment.both': 'Backed by both',
  'alignment.needsSalesValidation': 'Needs sales validation',
  'alignment.needsData': 'Needs data',
  'alignment.unbacked': 'Unbacked',
  'alignment.counts': '{marketing} marketing · {sales} sales',
  'alignment.detail.both': 'Marketing data and sales anecdotes both back this section.',
  'alignment.detail.needsSalesValidation': 'Only marketing data backs this section: ask sales whether conversations confirm it.',
  'alignment.detail.needsData': 'Only sales anecdotes back this section: look for figures that support it.',
  'alignment.detail.unbacked': 'No evidence backs this section yet.',
} as const;

export type ClaimsKey = keyof typeof claimsEn;

export const claimsEs: Record<ClaimsKey, string> = {
  'kind.metric': 'Métrica',
  'kind.behaviour': 'Comportamiento',
  'kind.campaign': 'Resultado de campaña',
  'kind.quote': 'Cita',
  'kind.objection': 'Objeción',
  'kind.anecdote': 'Anécdota',
  'kind.deal': 'Operación',

  'alignment.both': 'Respaldada por ambos',
  'alignment.needsSalesValidation': 'Falta validación de ventas',
  'alignment.needsData': 'Faltan datos',
  'alignment.unbacked': 'Sin respaldo',
  'alignment.counts': '{marketing} de marketing · {sales} de ventas',
  'alignment.detail.both': 'Datos de marketing y anécdotas de ventas respaldan esta sección.',
  'alignment.detail.needsSalesValidation': 'Solo datos de marketing respaldan esta sección: pregunta a ventas si las conversaciones lo confirman.',
  'alignment.detail.needsData': 'Solo anécdotas de ventas respaldan esta sección: busca cifras que lo apoyen.',
  'alignment.detail.unbacked': 'Todavía no hay evidencia que respalde esta sección.',
};
