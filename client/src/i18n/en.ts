import { activityEn } from '../features/activity/strings.ts';
import { boardEn } from '../features/evidence/boardStrings.ts';
import { claimsEn } from '../features/evidence/claimStrings.ts';
import { csvImportEn } from '../features/evidence/csvImportStrings.ts';
import { liveEn } from '../features/feedback/strings.ts';
import { guidanceEn } from '../features/guidance/strings.ts';
import { healthEn } from '../features/health/strings.ts';
import { libraryEn } from '../features/library/strings.ts';
import { lifecycleEn } from '../features/lifecycle/strings.ts';
import { pdfExportEn } from '../features/publishing/strings.ts';
import { signoffEn } from '../features/signoff/strings.ts';
import { inboxEn } from '../features/inbox/strings.ts';
import { goalsEn } from '../features/goals/strings.ts';
import { reportEn } from '../features/report/strings.ts';
import { threadsEn } from '../features/threads/strings.ts';
import { mentionsEn } from '../features/mentions/strings.ts';
import { historyEn } from '../features/history/strings.ts';
import { membersEn } from '../features/members/strings.ts';
import { webhooksEn } from '../features/webhooks/strings.ts';
import { sessionEn } from '../session/strings.ts';
import { labelMessages } from '../../../shared/persona/labels.ts';
import { signInEn } from '../ui/signInStrings.ts';

/** Every user-facing string in English. `es.ts` must have the same keys (the type checks it). */
export const en = {
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.done': 'Done',
  'common.retry': 'Try again',
  'common.loading': 'Loading…',

  // Section, side and evidence-kind names, the same the PDF prints.
  ...activityEn,

  ...labelMessages('en'),

  'header.home': 'Tandem, home',
  'header.language': 'Language',
  'header.readOnly': 'Read-only',
  'header.editParticipant': 'Change your name or side',

  'error.network': 'The server could not be reached. Check your connection and try again.',
  'error.unauthorized': 'You are signed out: your link expired or was revoked. Ask an admin for a new one.',
  'error.forbidden': 'Your role does not allow this. Ask an admin if you need more access.',
  'error.notFound': 'That could not be found. It may have been removed.',
  'error.badRequest': 'The server could not accept that. Check what you entered and try again.',
  'error.generic': 'Something went wrong on the server. Try again in a moment.',

  'access.noToken.title': 'You need an invite link',
  'access.noToken.body':
    'Tandem opens from your personal link, or with your company sign-in where it is set up. Ask an admin to invite you, then open the link they send in this browser.',
  'access.unauthorized.title': 'You are signed out',
  'access.unauthorized.body':
    'Your link expired or was revoked, or an admin removed your access. Ask an admin for a new link; what you wrote keeps your name.',
  'access.notFound.title': 'This persona does not exist',
  'access.notFound.body': 'There is no persona at this address. Check the link, or go back to the list.',
  'access.badId.title': 'This address is not a persona',
  'access.badId.body': 'Persona addresses look like /p/ followed by letters, digits, - or _. Check the link you were sent.',
  'access.backHome': 'Go to the start page',
  'access.forgetLink': 'Forget this link',
  ...signInEn,

  'crash.title': 'Something went wrong on this page',
  'crash.body': 'Your edits are saved in the persona and on this device. Reload to carry on.',
  'crash.reload': 'Reload',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',

  'join.title': 'Join the workshop',
  'join.editTitle': 'Your name and side',
  'join.description': 'Everyone sees who is in the room. Your name and side label your cursor, your edits and your evidence.',
  'join.name': 'Your name',
  'join.namePlaceholder': 'e.g. Lucía Pérez',
  'join.side': 'Your side',
  'join.marketingHint': 'Data, segments, campaigns',
  'join.salesHint': 'Conversations, objections, deals',
  'join.submit': 'Join',
  'join.nameRequired': 'Enter your name so the others know who is typing.',
  'join.sideRequired': 'Choose marketing or sales.',

  'home.title': 'Buyer personas',
  'home.subtitle': 'Marketing and sales, one picture of the customer.',
  'home.new': 'New persona',
  'home.search': 'Search personas by name',
  'home.searchPlaceholder': 'Search by name',
  'home.refresh': 'Refresh the list',
  'home.loading': 'Loading personas…',
  'home.loadMore': 'Show more personas',
  'home.moreFailed': 'The next personas could not be loaded. Try again.',
  'home.empty.title': 'No personas yet',
  'home.empty.body': 'Create the first one from the B2B template, share the link with both teams, and build it together.',
  'home.noMatch': 'No persona’s name matches “{query}”.',
  'home.clearSearch': 'Clear the search',
  'home.untitled': 'Untitled persona',
  'home.noRole': 'No role or segment yet',
  'home.updated': 'Changed {when}',
  'home.evidence.marketing': '{count} marketing data points',
  'home.evidence.sales': '{count} sales anecdotes',

  'create.title': 'New persona',
  'create.description': 'Start from the B2B template’s prompts, or from a blank card.',
  'create.name': 'Name (optional)',
  'create.namePlaceholder': 'e.g. IT Director at a mid-size manufacturer',
  'create.template': 'Start from',
  'create.b2b': 'B2B template',
  'create.b2bHint': 'Prompts for each section, ready to fill in',
  'create.blank': 'Blank',
  'create.blankHint': 'Empty sections',
  'create.submit': 'Create and open',
  'create.creating': 'Creating…',


  'connection.connected': 'Live',
  'connection.connected.detail': 'Connected: your edits reach everyone as you type.',
  'connection.connecting': 'Connecting…',
  'connection.connecting.detail': 'Connecting to the workshop.',
  'connection.offline': 'Offline',
  'connection.offline.detail': 'Offline: your edits are kept on this device and sync when the connection returns.',

  'presence.title': 'In the workshop',
  'presence.empty': 'Nobody else is here yet. Share this persona to bring in both teams.',
  'presence.you': '(you)',
  'presence.goTo': 'Go to {section}, where {name} is typing',

  'profile.avatar': 'Choose the persona’s picture',
  'profile.name': 'Persona name',
  'profile.namePlaceholder': 'Name this persona',
  'profile.role': 'Role',
  'profile.rolePlaceholder': 'Job title',
  'profile.segment': 'Segment',
  'profile.segmentPlaceholder': 'Industry or segment',
  'profile.companySize': 'Company size',
  'profile.companySizePlaceholder': 'e.g. 200–1,000',
  'profile.location': 'Location',
  'profile.locationPlaceholder': 'Region or country',
  'profile.created': 'Created {date}',

  'toolbar.label': 'Text formatting',
  'toolbar.undo': 'Undo your last change',
  'toolbar.redo': 'Redo',
  'toolbar.bold': 'Bold',
  'toolbar.italic': 'Italic',
  'toolbar.heading': 'Heading',
  'toolbar.bulletList': 'Bulleted list',
  'toolbar.orderedList': 'Numbered list',
  'toolbar.editing': 'Editing: {section}',
  'toolbar.pickSection': 'Click into a section to edit it',

  'workshop.loading': 'Loading the persona…',
  'workshop.readOnly': 'Read-only: you can follow the workshop live, but not change anything.',
  'workshop.sidebar': 'Workshop',
  'workshop.sections': 'Sections',


  'section.summary.hint': 'Who this person is, in two or three sentences.',
  'section.summary.placeholder': 'Describe this persona in a few sentences…',
  'section.goals.hint': 'What they are trying to achieve, and how they are measured.',
  'section.goals.placeholder': 'List their goals…',
  'section.pains.hint': 'What gets in their way today.',
  'section.pains.placeholder': 'List their pains and challenges…',
  'section.objections.hint': 'What they say when they push back, in their words.',
  'section.objections.placeholder': 'List the objections sales hears…',
  'section.buyingProcess.hint': 'Who is involved, in what order, and what triggers a purchase.',
  'section.buyingProcess.placeholder': 'Describe how they buy…',
  'section.channels.hint': 'Where they learn and whom they trust.',
  'section.channels.placeholder': 'List the channels that reach them…',
  'section.messaging.hint': 'What to say to them, and what never to say.',
  'section.messaging.placeholder': 'Write the messages that land…',

  ...claimsEn,
  ...boardEn,
  ...threadsEn,
  ...mentionsEn,
  ...historyEn,
  ...sessionEn,
  ...healthEn,
  ...membersEn,
  ...webhooksEn,
  ...csvImportEn,
  ...signoffEn,
  ...inboxEn,
  ...goalsEn,
  ...reportEn,
  ...libraryEn,
  ...pdfExportEn,
  ...lifecycleEn,
  ...liveEn,
  ...guidanceEn,
} as const;

export type MessageKey = keyof typeof en;
export type Dictionary = Readonly<Record<MessageKey, string>>;
