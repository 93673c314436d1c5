// The persona document contract (SPEC §2): schema, domain types, converters and readers.
export type {
  CommentReply,
  CommentThread,
  EvidenceCounts,
  EvidenceItem,
  EvidenceKind,
  Persona,
  PersonaSnapshot,
  Profile,
  RichTextDoc,
  RichTextMark,
  RichTextNode,
  SectionKey,
  Side,
  SignOff,
} from './types.ts';
export type { ProfileField } from './schema.ts';
export {
  EVIDENCE_KINDS,
  EVIDENCE_MARK,
  ITEM_ID_PATTERN,
  PERSONA_ID_PATTERN,
  PROFILE_FIELDS,
  ROOT,
  SECTION_KEYS,
  SIDES,
  formatEvidenceIds,
  getComments,
  getEvidence,
  getProfile,
  getSection,
  getSignoff,
  isPersonaId,
  isSectionKey,
  isSignoffKey,
  parseEvidenceIds,
  sectionRootName,
  signoffKey,
} from './schema.ts';
export {
  PersonaShapeError,
  commentReplySchema,
  commentThreadSchema,
  describeValue,
  evidenceFromYjs,
  evidenceItemSchema,
  evidenceKindSchema,
  evidenceToYjs,
  isoDateTimeSchema,
  itemIdSchema,
  profileFromYjs,
  profileSchema,
  replyFromYjs,
  replyToYjs,
  sectionKeySchema,
  sideSchema,
  signOffSchema,
  signoffFromYjs,
  signoffToYjs,
  threadFromYjs,
  threadToYjs,
} from './converters.ts';
export { fragmentToJSON, fragmentToPlainText, writeFragmentFromJSON } from './richText.ts';
export { evidenceCounts, readPersona } from './readPersona.ts';
export type { EvidenceAuthor, EvidenceInput } from './evidence.ts';
export {
  EVIDENCE_SOURCE_MAX,
  EVIDENCE_TEXT_MAX,
  addEvidence,
  deleteEvidence,
  evidenceAuthorSchema,
  evidenceInputSchema,
  newItemId,
  readEvidence,
  updateEvidence,
} from './evidence.ts';
export type { ClaimBacking } from './links.ts';
export {
  claimBacking,
  findAssumptions,
  idsOfMarkAttrs,
  isAssumption,
  linkedEvidenceIds,
  mergeEvidenceIds,
  unlinkEvidence,
} from './links.ts';
export type { CommentInput, ThreadCounts } from './threads.ts';
export {
  COMMENT_TEXT_MAX,
  commentInputSchema,
  readThreads,
  replyToThread,
  setThreadResolved,
  startThread,
  threadCountsBySection,
} from './threads.ts';
export type { AlignmentState, PersonaBalance, SectionAlignment } from './alignment.ts';
export {
  ALIGNMENT_STATES,
  ASSUMPTION_SECTIONS,
  alignmentBySection,
  alignmentState,
  countBySide,
  personaBalance,
} from './alignment.ts';
export type { SectionSignoff, SideSignoff, Signer, SignoffStatus } from './signoff.ts';
export {
  SIGNOFF_STATUSES,
  contentFingerprint,
  readSignoffs,
  readStoredSignoffs,
  sectionFingerprint,
  sectionSignoffState,
  signOffSection,
  signerSchema,
  signoffsFromContent,
  withdrawSignoff,
} from './signoff.ts';
export { readPersonaSnapshot, richTextToPlainText, snapshotSearchText } from './snapshot.ts';
export { EVIDENCE_KIND_LABELS, REFERENCE_LETTERS, SECTION_LABELS, SIDE_LABELS, labelMessages, referenceLabel } from './labels.ts';
export type { EvidenceNumber } from './references.ts';
export { evidenceNumbers } from './references.ts';
