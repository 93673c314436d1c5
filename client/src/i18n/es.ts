import { activityEs } from '../features/activity/strings.ts';
import { boardEs } from '../features/evidence/boardStrings.ts';
import { claimsEs } from '../features/evidence/claimStrings.ts';
import { csvImportEs } from '../features/evidence/csvImportStrings.ts';
import type { Dictionary } from './en.ts';
import { liveEs } from '../features/feedback/strings.ts';
import { guidanceEs } from '../features/guidance/strings.ts';
import { healthEs } from '../features/health/strings.ts';
import { libraryEs } from '../features/library/strings.ts';
import { lifecycleEs } from '../features/lifecycle/strings.ts';
import { pdfExportEs } from '../features/publishing/strings.ts';
import { signoffEs } from '../features/signoff/strings.ts';
import { inboxEs } from '../features/inbox/strings.ts';
import { goalsEs } from '../features/goals/strings.ts';
import { reportEs } from '../features/report/strings.ts';
import { threadsEs } from '../features/threads/strings.ts';
import { mentionsEs } from '../features/mentions/strings.ts';
import { historyEs } from '../features/history/strings.ts';
import { membersEs } from '../features/members/strings.ts';
import { webhooksEs } from '../features/webhooks/strings.ts';
import { sessionEs } from '../session/strings.ts';
import { labelMessages } from '../../../shared/persona/labels.ts';
import { signInEs } from '../ui/signInStrings.ts';

/** Todas las cadenas visibles, en español. */
export const es: Dictionary = {
  'common.cancel': 'Cancelar',
  'common.save': 'Guardar',
  'common.done': 'Listo',
  'common.retry': 'Reintentar',
  'common.loading': 'Cargando…',

  // Section, side and evidence-kind names, the same the PDF prints.
  ...activityEs,

  ...labelMessages('es'),

  'header.home': 'Tandem, inicio',
  'header.language': 'Idioma',
  'header.readOnly': 'Solo lectura',
  'header.editParticipant': 'Cambiar tu nombre o equipo',

  'error.network': 'No se pudo conectar con el servidor. Comprueba tu conexión y vuelve a intentarlo.',
  'error.unauthorized': 'Se cerró tu sesión: tu enlace caducó o fue revocado. Pide uno nuevo a la administración.',
  'error.forbidden': 'Tu rol no lo permite. Pide más acceso a la administración si lo necesitas.',
  'error.notFound': 'No se encontró. Puede que se haya eliminado.',
  'error.badRequest': 'El servidor no pudo aceptarlo. Revisa lo que has escrito y vuelve a intentarlo.',
  'error.generic': 'Algo falló en el servidor. Vuelve a intentarlo en un momento.',

  'access.noToken.title': 'Necesitas un enlace de invitación',
  'access.noToken.body':
    'Tandem se abre con tu enlace personal, o con la cuenta de tu empresa donde esté configurada. Pide a la administración que te invite y abre en este navegador el enlace que te envíe.',
  'access.unauthorized.title': 'Se cerró tu sesión',
  'access.unauthorized.body':
    'Tu enlace caducó o fue revocado, o la administración retiró tu acceso. Pide un enlace nuevo a la administración; lo que escribiste conserva tu nombre.',
  'access.notFound.title': 'Este buyer persona no existe',
  'access.notFound.body': 'No hay ningún buyer persona en esta dirección. Revisa el enlace o vuelve a la lista.',
  'access.badId.title': 'Esta dirección no es un buyer persona',
  'access.badId.body': 'Las direcciones de buyer persona son /p/ seguido de letras, cifras, - o _. Revisa el enlace que te enviaron.',
  'access.backHome': 'Ir a la página de inicio',
  'access.forgetLink': 'Olvidar este enlace',
  ...signInEs,

  'crash.title': 'Algo ha fallado en esta página',
  'crash.body': 'Tus cambios están guardados en el buyer persona y en este dispositivo. Recarga para continuar.',
  'crash.reload': 'Recargar',

  'notFound.title': 'Página no encontrada',
  'notFound.body': 'No hay nada en esta dirección.',

  'join.title': 'Únete al taller',
  'join.editTitle': 'Tu nombre y equipo',
  'join.description': 'Todo el mundo ve quién está en la sala. Tu nombre y equipo identifican tu cursor, tus cambios y tus evidencias.',
  'join.name': 'Tu nombre',
  'join.namePlaceholder': 'p. ej. Lucía Pérez',
  'join.side': 'Tu equipo',
  'join.marketingHint': 'Datos, segmentos, campañas',
  'join.salesHint': 'Conversaciones, objeciones, operaciones',
  'join.submit': 'Entrar',
  'join.nameRequired': 'Escribe tu nombre para que el resto sepa quién escribe.',
  'join.sideRequired': 'Elige marketing o ventas.',

  'home.title': 'Buyer personas',
  'home.subtitle': 'Marketing y ventas, una sola imagen del cliente.',
  'home.new': 'Nuevo buyer persona',
  'home.search': 'Buscar buyer personas por nombre',
  'home.searchPlaceholder': 'Buscar por nombre',
  'home.refresh': 'Actualizar la lista',
  'home.loading': 'Cargando buyer personas…',
  'home.loadMore': 'Mostrar más buyer personas',
  'home.moreFailed': 'No se pudieron cargar más buyer personas. Vuelve a intentarlo.',
  'home.empty.title': 'Todavía no hay buyer personas',
  'home.empty.body': 'Crea el primero a partir de la plantilla B2B, comparte el enlace con los dos equipos y construidlo juntos.',
  'home.noMatch': 'Ningún nombre coincide con «{query}».',
  'home.clearSearch': 'Borrar la búsqueda',
  'home.untitled': 'Buyer persona sin nombre',
  'home.noRole': 'Aún sin cargo ni segmento',
  'home.updated': 'Modificado {when}',
  'home.evidence.marketing': '{count} datos de marketing',
  'home.evidence.sales': '{count} anécdotas de ventas',

  'create.title': 'Nuevo buyer persona',
  'create.description': 'Empieza con las preguntas de la plantilla B2B o con una ficha en blanco.',
  'create.name': 'Nombre (opcional)',
  'create.namePlaceholder': 'p. ej. Director de TI en una empresa industrial mediana',
  'create.template': 'Empezar con',
  'create.b2b': 'Plantilla B2B',
  'create.b2bHint': 'Preguntas en cada sección, listas para rellenar',
  'create.blank': 'En blanco',
  'create.blankHint': 'Secciones vacías',
  'create.submit': 'Crear y abrir',
  'create.creating': 'Creando…',


  'connection.connected': 'En directo',
  'connection.connected.detail': 'Conectado: tus cambios llegan a todos mientras escribes.',
  'connection.connecting': 'Conectando…',
  'connection.connecting.detail': 'Conectando con el taller.',
  'connection.offline': 'Sin conexión',
  'connection.offline.detail': 'Sin conexión: tus cambios se guardan en este dispositivo y se sincronizan al volver la conexión.',

  'presence.title': 'En el taller',
  'presence.empty': 'Aún no hay nadie más. Comparte este buyer persona para reunir a los dos equipos.',
  'presence.you': '(tú)',
  'presence.goTo': 'Ir a {section}, donde escribe {name}',

  'profile.avatar': 'Elegir la imagen del buyer persona',
  'profile.name': 'Nombre del buyer persona',
  'profile.namePlaceholder': 'Ponle nombre a este buyer persona',
  'profile.role': 'Cargo',
  'profile.rolePlaceholder': 'Puesto',
  'profile.segment': 'Segmento',
  'profile.segmentPlaceholder': 'Sector o segmento',
  'profile.companySize': 'Tamaño de empresa',
  'profile.companySizePlaceholder': 'p. ej. 200–1.000',
  'profile.location': 'Ubicación',
  'profile.locationPlaceholder': 'Región o país',
  'profile.created': 'Creado el {date}',

  'toolbar.label': 'Formato del texto',
  'toolbar.undo': 'Deshacer tu último cambio',
  'toolbar.redo': 'Rehacer',
  'toolbar.bold': 'Negrita',
  'toolbar.italic': 'Cursiva',
  'toolbar.heading': 'Título',
  'toolbar.bulletList': 'Lista con viñetas',
  'toolbar.orderedList': 'Lista numerada',
  'toolbar.editing': 'Editando: {section}',
  'toolbar.pickSection': 'Haz clic en una sección para editarla',

  'workshop.loading': 'Cargando el buyer persona…',
  'workshop.readOnly': 'Solo lectura: puedes seguir el taller en directo, pero no modificar nada.',
  'workshop.sidebar': 'Taller',
  'workshop.sections': 'Secciones',


  'section.summary.hint': 'Quién es esta persona, en dos o tres frases.',
  'section.summary.placeholder': 'Describe este buyer persona en pocas frases…',
  'section.goals.hint': 'Qué intenta conseguir y cómo se mide.',
  'section.goals.placeholder': 'Enumera sus objetivos…',
  'section.pains.hint': 'Qué se lo impide hoy.',
  'section.pains.placeholder': 'Enumera sus problemas y retos…',
  'section.objections.hint': 'Qué dice cuando pone pegas, con sus palabras.',
  'section.objections.placeholder': 'Enumera las objeciones que oye ventas…',
  'section.buyingProcess.hint': 'Quién participa, en qué orden y qué desencadena la compra.',
  'section.buyingProcess.placeholder': 'Describe cómo compra…',
  'section.channels.hint': 'Dónde se informa y en quién confía.',
  'section.channels.placeholder': 'Enumera los canales que llegan a esta persona…',
  'section.messaging.hint': 'Qué decirle y qué no decirle nunca.',
  'section.messaging.placeholder': 'Escribe los mensajes que funcionan…',

  ...claimsEs,
  ...boardEs,
  ...threadsEs,
  ...mentionsEs,
  ...historyEs,
  ...sessionEs,
  ...healthEs,
  ...membersEs,
  ...webhooksEs,
  ...csvImportEs,
  ...signoffEs,
  ...inboxEs,
  ...goalsEs,
  ...reportEs,
  ...libraryEs,
  ...pdfExportEs,
  ...lifecycleEs,
  ...liveEs,
  ...guidanceEs,
};
