// The document's shape, enforced before a peer's update is applied (issue 14, item 3): a wrong type
// under a known root (a string or a Y.Map in a section), an unknown root, or rich text nested deeper
// than the schema allows is refused (1007), so no browser ever renders a section blank.
import * as Y from 'yjs';
import { AUTHORS_ROOT } from '../../shared/persona/authors.ts';
import { MAX_RICH_TEXT_DEPTH } from '../../shared/persona/richTextDepth.ts';
import { ROOT, SECTION_KEYS, SIDES, sectionRootName } from '../../shared/persona/schema.ts';
import { threadAnchorSchema } from '../../shared/persona/shapes.ts';
import type { UpdateCheck, UpdateVerdict } from './peer.ts';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** What an item lives in: its root, how many types deep (1 = directly in the root), and that type's kind. */
interface Place {
  root: string;
  level: number;
  /** The kind of the type holding the item: 'root' for the root itself. */
  parent: TypeKind;
  /** The map key, for an entry of a map (or an attribute of an element). */
  key: string | null;
}

type TypeKind = 'root' | 'xmlElement' | 'xmlText' | 'xmlFragment' | 'map' | 'array' | 'text' | 'other';

const SECTION_ROOTS: ReadonlySet<string> = new Set(SECTION_KEYS.map(sectionRootName));
/** Types nested in the roots that are not rich text: a thread's replies and their maps, a target's fields. */
const MAX_DATA_LEVEL = 4;
/** The field of a thread map that holds its anchor on selected words. */
const THREAD_ANCHOR_KEY = 'anchor';
const SIDE = SIDES.join('|');
/** A sign-off key: a section's, or an agreed target's (SPEC §8). */
const SIGNOFF_KEY = new RegExp(`^(${SECTION_KEYS.join('|')}|target:[A-Za-z0-9_-]{1,64}):(${SIDE})$`);

const ACCEPT: UpdateVerdict = { kind: 'accept' };
/** The place of an item whose parent or neighbour was deleted and garbage-collected. */
const GONE: Place = { root: '', level: 0, parent: 'other', key: null };
const refuse = (reason: string): UpdateVerdict => ({ kind: 'reject', reason });

/**
 * Checks every new item of a decoded update against the persona schema (SPEC §2, shared/persona/schema.ts).
 * Cheap for the common case, a few characters typed: one lookup of the item it follows, and its
 * parents up to the root, each remembered for the rest of the update.
 */
export function checkShape(update: DecodedUpdate, doc: Y.Doc): UpdateVerdict {
  const places = new PlaceFinder(update, doc);
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const place = places.of(struct);
    if (place === null) return refuse(`item ${struct.id.client}:${struct.id.clock} depends on content the server does not have`);
    // Next to or inside content the server has collected: Yjs drops it. The authors root is the authorship check's.
    if (place === GONE || place.root === AUTHORS_ROOT) continue;
    const problem = problemOf(struct.content, place);
    if (problem !== null) return refuse(`${place.root}: ${problem}`);
  }
  return ACCEPT;
}

/** The shape guard as the room's update check. */
export const shapeGuard: UpdateCheck = (_update, _from, context) => (context ? checkShape(context.decoded, context.doc) : ACCEPT);

function problemOf(content: Y.Item['content'], place: Place): string | null {
  if (content instanceof Y.ContentDeleted) return null;
  const kind = content instanceof Y.ContentType ? kindOf(content.type) : null;
  if (SECTION_ROOTS.has(place.root)) return richTextProblem(content, kind, place);
  if (kind !== null && place.level > MAX_DATA_LEVEL) return `types nested deeper than ${MAX_DATA_LEVEL} levels`;
  if (place.root === ROOT.comments && place.level === 2 && place.parent === 'map' && place.key === THREAD_ANCHOR_KEY) return anchorProblem(content);
  if (place.level > 1) return null;
  switch (place.root) {
    case ROOT.profile:
      return place.key !== null && content instanceof Y.ContentAny && content.arr.every((value) => typeof value === 'string')
        ? null
        : 'a profile field holds text only';
    case ROOT.evidence:
    case ROOT.comments:
    case ROOT.targets:
      return place.key === null && kind === 'map' ? null : 'it holds Y.Map entries only';
    case ROOT.signoff:
      if (place.key === null || !SIGNOFF_KEY.test(place.key)) return `no sign-off key ${JSON.stringify(place.key)}`;
      return kind === 'map' ? null : 'a sign-off is a Y.Map';
    default:
      return 'not a root of the persona document';
  }
}

/** A thread's anchor (issue 17) is one plain value: two encoded positions and the quote, each bounded. */
function anchorProblem(content: Y.Item['content']): string | null {
  const ok = content instanceof Y.ContentAny && content.arr.length === 1 && threadAnchorSchema.safeParse(content.arr[0]).success;
  return ok ? null : 'a thread anchor is { start, end, quote }: base64 positions and a short quote';
}

/** Sections hold elements at the top, elements hold elements and text, text holds characters and formatting. */
function richTextProblem(content: Y.Item['content'], kind: TypeKind | null, place: Place): string | null {
  if (kind !== null && place.level > MAX_RICH_TEXT_DEPTH) return `rich text nested deeper than ${MAX_RICH_TEXT_DEPTH} levels`;
  if (place.key !== null) {
    // An element's (or text's) attributes are plain values.
    return (place.parent === 'xmlElement' || place.parent === 'xmlText') && content instanceof Y.ContentAny ? null : 'a bad attribute';
  }
  switch (place.parent) {
    case 'root':
      return kind === 'xmlElement' ? null : 'a section holds elements only at its top level';
    case 'xmlElement':
      return kind === 'xmlElement' || kind === 'xmlText' ? null : 'an element holds elements and text only';
    case 'xmlText':
      return content instanceof Y.ContentString || content instanceof Y.ContentFormat ? null : 'text holds characters and formatting only';
    default:
      return 'not rich text';
  }
}

function kindOf(type: Y.AbstractType<unknown>): TypeKind {
  // Subclasses first: an element is a fragment, a text is a text.
  if (type instanceof Y.XmlElement) return 'xmlElement';
  if (type instanceof Y.XmlText) return 'xmlText';
  if (type instanceof Y.XmlFragment) return 'xmlFragment';
  if (type instanceof Y.XmlHook) return 'other';
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Array) return 'array';
  if (type instanceof Y.Text) return 'text';
  return 'other';
}

/**
 * Where items sit, from the update itself or the document: an item names its parent, or follows
 * (or precedes) a sibling whose place it shares. Found without recursion, and remembered.
 */
class PlaceFinder {
  readonly #doc: Y.Doc;
  /** The update's items by client, in clock order. */
  readonly #items = new Map<number, Y.Item[]>();
  /** Places found for the update's items. */
  readonly #placed = new Map<Y.Item, Place | null>();
  /** Place of the items inside a type, by the type's item id ("client:clock"). */
  readonly #inside = new Map<string, Place | null>();

  constructor(update: DecodedUpdate, doc: Y.Doc) {
    this.#doc = doc;
    for (const struct of update.structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.#items.get(struct.id.client);
      if (list) list.push(struct);
      else this.#items.set(struct.id.client, [struct]);
    }
  }

  /** An item's place, or null when what it depends on is nowhere (Yjs would hold it back). */
  of(item: Y.Item): Place | null {
    // A run of siblings (a paste) names one neighbour after another: the whole run shares one place.
    const run: Y.Item[] = [];
    const place = this.#walk(item, run);
    for (const sibling of run) this.#placed.set(sibling, place);
    return place;
  }

  #walk(item: Y.Item, run: Y.Item[]): Place | null {
    let current: Y.Item = item;
    for (;;) {
      const known = this.#placed.get(current);
      if (known !== undefined) return known;
      run.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === 'string') return { root: parent, level: 1, parent: 'root', key: current.parentSub };
      if (parent instanceof Y.ID) {
        const inside = this.#placeInside(parent);
        return inside && { ...inside, key: current.parentSub };
      }
      const neighbour = current.origin ?? current.rightOrigin;
      if (neighbour === null) return null;
      const found = this.#find(neighbour);
      if (found === null) return null;
      if (!(found instanceof Y.Item)) return GONE;
      if (found.parent instanceof Y.AbstractType) return this.#placeInType(found.parent, found.parentSub);
      current = found;
    }
  }

  /** The place of what lives inside the type made by the item `id`. */
  #placeInside(id: Y.ID): Place | null {
    const key = `${id.client}:${id.clock}`;
    if (this.#inside.has(key)) return this.#inside.get(key) ?? null;
    const found = this.#find(id);
    let place: Place | null = found === null || found instanceof Y.Item ? null : GONE;
    if (found instanceof Y.Item && found.content instanceof Y.ContentType) {
      if (found.parent instanceof Y.AbstractType) {
        place = this.#placeInType(found.content.type, null);
      } else {
        // A type the same update makes: one level below where that item sits.
        const outer = this.of(found);
        place = outer && { root: outer.root, level: outer.level + 1, parent: kindOf(found.content.type), key: null };
      }
    }
    this.#inside.set(key, place);
    return place;
  }

  /** The place of an item inside a type the document already has. */
  #placeInType(type: Y.AbstractType<unknown>, key: string | null): Place | null {
    let level = 1;
    let outer: Y.AbstractType<unknown> = type;
    while (outer._item !== null) {
      const parent = outer._item.parent;
      if (!(parent instanceof Y.AbstractType)) return null;
      outer = parent;
      level++;
    }
    const root = Y.findRootTypeKey(outer);
    return { root, level, parent: type._item === null ? 'root' : kindOf(type), key };
  }

  /** The struct holding `id`: in the update, or in the document; null when neither has it. */
  #find(id: Y.ID): Y.Item | Y.AbstractStruct | null {
    const list = this.#items.get(id.client);
    if (list) {
      // The update's items of one client come in clock order.
      let low = 0;
      let high = list.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const item = list[middle];
        if (!item) break;
        if (id.clock < item.id.clock) high = middle - 1;
        else if (id.clock >= item.id.clock + item.length) low = middle + 1;
        else return item;
      }
    }
    if (id.clock < Y.getState(this.#doc.store, id.client)) return Y.getItem(this.#doc.store, id);
    return null;
  }
}
