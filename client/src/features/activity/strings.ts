// Strings for the activity feature (the workshop's Activity tab, "changed by" in the list), in both languages.

export const activityEn = {
  'panel.activity': 'Activity',
  'activity.title': 'Who did what',
  'activity.loading': 'Loading the activity…',
  'activity.empty': 'Nothing has happened here yet. Edits, evidence, sign-offs and threads show up here, with who made them.',
  'activity.error': 'The activity could not be loaded.',
  'activity.refresh': 'Refresh the activity',
  'activity.today': 'Today',
  'activity.yesterday': 'Yesterday',
  'activity.operator': 'Operator',
  'activity.goTo': 'Go to {section}',

  'activity.section.profile': 'the profile',
  'activity.section.evidence': 'the evidence',
  'activity.section.targets': 'the targets',

  'activity.type.created': 'created the persona',
  'activity.type.edited': 'edited {section}',
  'activity.type.evidence-added': 'added evidence ({kind})',
  'activity.type.evidence-removed': 'removed evidence ({kind})',
  'activity.type.signed-off': 'signed off {section} for {side}',
  'activity.type.signed-off.target': 'signed off a target for {side}',
  'activity.type.sign-off-withdrawn': 'withdrew the {side} sign-off of {section}',
  'activity.type.sign-off-withdrawn.target': 'withdrew a {side} sign-off of a target',
  'activity.type.thread-started': 'started a thread on {section}',
  'activity.type.replied': 'replied in a thread on {section}',
  'activity.type.resolved': 'resolved a thread on {section}',
  'activity.type.published': 'published version {version}',
  'activity.type.restored': 'restored an earlier state',
  'activity.type.archived': 'archived the persona',
  'activity.type.unarchived': 'took the persona out of the archive',
  'activity.type.trashed': 'moved the persona to the trash',
  'activity.type.untrashed': 'brought the persona back from the trash',
  'activity.type.other': 'changed the persona',

  'activity.home.changedBy': 'Changed by {name} · {when}',
} as const;

export type ActivityKey = keyof typeof activityEn;

export const activityEs: Readonly<Record<ActivityKey, string>> = {
  'panel.activity': 'Actividad',
  'activity.title': 'Quién hizo qué',
  'activity.loading': 'Cargando la actividad…',
  'activity.empty': 'Aún no ha pasado nada aquí. Las ediciones, la evidencia, las aprobaciones y los hilos aparecen aquí, con quién los hizo.',
  'activity.error': 'No se pudo cargar la actividad.',
  'activity.refresh': 'Actualizar la actividad',
  'activity.today': 'Hoy',
  'activity.yesterday': 'Ayer',
  'activity.operator': 'Operador',
  'activity.goTo': 'Ir a {section}',

  'activity.section.profile': 'el perfil',
  'activity.section.evidence': 'la evidencia',
  'activity.section.targets': 'las metas',

  'activity.type.created': 'creó el buyer persona',
  'activity.type.edited': 'editó {section}',
  'activity.type.evidence-added': 'añadió evidencia ({kind})',
  'activity.type.evidence-removed': 'quitó evidencia ({kind})',
  'activity.type.signed-off': 'aprobó {section} por {side}',
  'activity.type.signed-off.target': 'aprobó un objetivo por {side}',
  'activity.type.sign-off-withdrawn': 'retiró la aprobación de {side} de {section}',
  'activity.type.sign-off-withdrawn.target': 'retiró una aprobación de {side} de un objetivo',
  'activity.type.thread-started': 'abrió un hilo en {section}',
  'activity.type.replied': 'respondió en un hilo de {section}',
  'activity.type.resolved': 'resolvió un hilo de {section}',
  'activity.type.published': 'publicó la versión {version}',
  'activity.type.restored': 'restauró un estado anterior',
  'activity.type.archived': 'archivó el buyer persona',
  'activity.type.unarchived': 'sacó el buyer persona del archivo',
  'activity.type.trashed': 'movió el buyer persona a la papelera',
  'activity.type.untrashed': 'recuperó el buyer persona de la papelera',
  'activity.type.other': 'cambió el buyer persona',

  'activity.home.changedBy': 'Modificado por {name} · {when}',
};
