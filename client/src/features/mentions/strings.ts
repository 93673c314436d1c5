// Strings for mentions, in both languages.

export const mentionsEn = {
  'mentions.list': 'People and teams to mention',
  'mentions.team.marketing': 'Marketing',
  'mentions.team.sales': 'Sales',
  'mentions.team.other': 'No team',
  'mentions.everyone.marketing': 'Everyone in marketing',
  'mentions.everyone.sales': 'Everyone in sales',
  'mentions.former': '@{name} (former member)',
  'mentions.unknown': '@unknown member',
  'mentions.hint': 'Type @ to mention a person or a team.',
} as const;

export type MentionsKey = keyof typeof mentionsEn;

export const mentionsEs: Record<MentionsKey, string> = {
  'mentions.list': 'Personas y equipos que mencionar',
  'mentions.team.marketing': 'Marketing',
  'mentions.team.sales': 'Ventas',
  'mentions.team.other': 'Sin equipo',
  'mentions.everyone.marketing': 'Todo el equipo de marketing',
  'mentions.everyone.sales': 'Todo el equipo de ventas',
  'mentions.former': '@{name} (ya no es miembro)',
  'mentions.unknown': '@miembro desconocido',
  'mentions.hint': 'Escribe @ para mencionar a una persona o a un equipo.',
};
