// Strings for who this browser is: the account menu, roles and teams, and the session's stops, in both languages.

export const sessionEn = {
  'role.admin': 'Admin',
  'role.editor': 'Editor',
  'role.viewer': 'Reader',
  'team.marketing': 'Marketing',
  'team.sales': 'Sales',
  'team.other': 'No side',
  'team.other.hint': 'Not on marketing or sales: shown neutrally, signs off for neither side',

  'account.menu': 'Signed in as {name}: account menu',
  'account.operator': 'Operator',
  'account.as': '{name} · {role}',
  'account.asOperator': 'Operator link ({role})',
  'account.signOut': 'Sign out',

  'session.unreachable.title': 'Tandem cannot be reached',
  'session.unreachable.body': 'The server did not answer, so it cannot say who you are yet. Check your connection, then try again.',
  'session.notAllowed.title': 'Only admins can open this page',
  'session.notAllowed.body': 'Members and links are managed by an admin. Ask one if you need someone invited or a link revoked.',
  'session.reader.title': 'Readers see the published library',
  'session.downgraded.title': 'You can read this persona now, not edit it',
  'session.reader.body':
    'The workshop is where marketing and sales edit the draft. As a reader you see each persona as it was last published, in the library.',
  'session.reader.link': 'Read the published version',
  'session.reader.all': 'Open the library',
  'session.refused.title': 'The server refused this browser’s changes',
  'session.refused.body':
    'Something in this browser wrote as another person, so the server closed the workshop without keeping it. Reload to start again from the server’s copy.',
  'session.refused.reload': 'Reload',
} as const;

export const sessionEs: Readonly<Record<keyof typeof sessionEn, string>> = {
  'role.admin': 'Administración',
  'role.editor': 'Edición',
  'role.viewer': 'Lectura',
  'team.marketing': 'Marketing',
  'team.sales': 'Ventas',
  'team.other': 'Sin equipo',
  'team.other.hint': 'Ni marketing ni ventas: se muestra en neutro y no firma por ningún equipo',

  'account.menu': 'Sesión de {name}: menú de la cuenta',
  'account.operator': 'Operador',
  'account.as': '{name} · {role}',
  'account.asOperator': 'Enlace de operador ({role})',
  'account.signOut': 'Cerrar sesión',

  'session.unreachable.title': 'No se puede conectar con Tandem',
  'session.unreachable.body': 'El servidor no respondió, así que aún no puede decir quién eres. Comprueba tu conexión y vuelve a intentarlo.',
  'session.notAllowed.title': 'Solo la administración puede abrir esta página',
  'session.notAllowed.body': 'Las personas y los enlaces los gestiona alguien con rol de administración. Pídeselo si hay que invitar a alguien o revocar un enlace.',
  'session.reader.title': 'Las personas lectoras ven la biblioteca publicada',
  'session.downgraded.title': 'Ahora puedes leer este buyer persona, no editarlo',
  'session.reader.body':
    'El taller es donde marketing y ventas editan el borrador. Con acceso de lectura ves cada buyer persona tal como se publicó por última vez, en la biblioteca.',
  'session.reader.link': 'Leer la versión publicada',
  'session.reader.all': 'Abrir la biblioteca',
  'session.refused.title': 'El servidor rechazó los cambios de este navegador',
  'session.refused.body':
    'Algo en este navegador escribió como otra persona, así que el servidor cerró el taller sin guardarlo. Recarga para empezar de nuevo desde la copia del servidor.',
  'session.refused.reload': 'Recargar',
};
