// Copies a checkpoint's (or a published version's) content into the live draft (SPEC §7): profile,
// sections, evidence, sign-offs and targets; threads stay as they are. Every walk is iterative, so
// however deep a section's rich text is nested, no copy runs out of stack.
import * as Y from 'yjs';
import { ROOT, SECTION_KEYS, getProfile, getSection } from '../../shared/persona/schema.ts';

/** Which Yjs client id writes each part of the copy. */
export interface RestoreWriters {
  /** The restorer's own: the profile and the sections' text are their change. */
  readonly restorer: number;
  /**
   * For what `originalClient` wrote in the source (an evidence item, a sign-off, a target): a client
   * id recorded for the same author, so items keep their author, side and signer.
   */
  writerFor(originalClient: number): number;
}

type Container = Y.Map<unknown> | Y.Array<unknown>;
type XmlParent = Y.XmlFragment | Y.XmlElement;

/** Restores `source`'s content into `target`; call inside one transaction. Parts already equal are left alone. */
export function restoreDraft(target: Y.Doc, source: Y.Doc, writers: RestoreWriters): void {
  restoreProfile(target, source, writers.restorer);
  for (const key of SECTION_KEYS) {
    const from = getSection(source, key);
    const to = getSection(target, key);
    if (xmlSignature(from) === xmlSignature(to)) continue;
    target.clientID = writers.restorer;
    if (to.length > 0) to.delete(0, to.length);
    copyXml(from, to, target, writers.restorer);
  }
  // Evidence, sign-offs and targets are replaced whole: each copy is written for its original writer.
  for (const root of [ROOT.evidence, ROOT.targets]) replaceAll(source.getArray<unknown>(root), target.getArray<unknown>(root), target, writers);
  replaceAll(source.getMap<unknown>(ROOT.signoff), target.getMap<unknown>(ROOT.signoff), target, writers);
}

function restoreProfile(target: Y.Doc, source: Y.Doc, restorer: number): void {
  const from = getProfile(source);
  const to = getProfile(target);
  target.clientID = restorer;
  for (const key of [...to.keys()]) if (!from.has(key)) to.delete(key);
  for (const [key, value] of from.entries()) {
    if (isPrimitive(value) && to.get(key) !== value) to.set(key, value);
  }
}

function replaceAll(from: Container, to: Container, target: Y.Doc, writers: RestoreWriters): void {
  const entries = entriesOf(from);
  if (entries.length === 0 && entriesOf(to).length === 0) return;
  target.clientID = writers.restorer;
  if (to instanceof Y.Array) to.delete(0, to.length);
  else for (const key of [...to.keys()]) to.delete(key);
  copyEntries(entries, to, target, writers);
}

/** One live entry of a map or an array: the Yjs item that holds it and its values (an array item may hold several). */
interface Entry {
  readonly item: Y.Item;
  readonly key: string | null;
  readonly values: readonly unknown[];
}

function entriesOf(container: Container): Entry[] {
  const entries: Entry[] = [];
  if (container instanceof Y.Map) {
    for (const [key, item] of container._map) if (!item.deleted) entries.push({ item, key, values: [container.get(key)] });
    return entries;
  }
  for (let item = container._start; item; item = item.right) {
    if (!item.deleted && item.countable) entries.push({ item, key: null, values: item.content.getContent() as unknown[] });
  }
  return entries;
}

/** Copies entries (and what they hold) into an integrated container, each under the client id standing for its original writer. */
function copyEntries(entries: Entry[], into: Container, target: Y.Doc, writers: RestoreWriters): void {
  const work: [Entry[], Container][] = [[entries, into]];
  for (let next = work.pop(); next; next = work.pop()) {
    const [list, dst] = next;
    for (const { item, key, values } of list) {
      target.clientID = writers.writerFor(item.id.client);
      for (const value of values) {
        const copy = value instanceof Y.Map ? new Y.Map<unknown>() : value instanceof Y.Array ? new Y.Array<unknown>() : value;
        if (!(copy instanceof Y.Map || copy instanceof Y.Array || isPrimitive(copy))) continue;
        if (dst instanceof Y.Map && key !== null) dst.set(key, copy);
        else if (dst instanceof Y.Array) dst.push([copy]);
        if (copy instanceof Y.Map || copy instanceof Y.Array) work.push([entriesOf(value as Container), copy]);
      }
    }
  }
}

/** Copies rich text into an integrated fragment, breadth first. */
function copyXml(from: XmlParent, to: XmlParent, target: Y.Doc, restorer: number): void {
  const work: [XmlParent, XmlParent][] = [[from, to]];
  for (let next = work.shift(); next; next = work.shift()) {
    const [src, dst] = next;
    const children = src.toArray();
    const copies: (Y.XmlElement | Y.XmlText)[] = [];
    for (const child of children) {
      if (child instanceof Y.XmlText) copies.push(new Y.XmlText());
      else if (child instanceof Y.XmlElement) copies.push(new Y.XmlElement(child.nodeName));
    }
    target.clientID = restorer;
    dst.push(copies);
    let i = 0;
    for (const child of children) {
      if (!(child instanceof Y.XmlText || child instanceof Y.XmlElement)) continue;
      const copy = copies[i++];
      if (child instanceof Y.XmlText && copy instanceof Y.XmlText) {
        copy.applyDelta(child.toDelta());
        for (const [name, value] of Object.entries(child.getAttributes())) copy.setAttribute(name, value);
      } else if (child instanceof Y.XmlElement && copy instanceof Y.XmlElement) {
        for (const [name, value] of Object.entries(child.getAttributes())) if (value !== undefined) copy.setAttribute(name, value);
        work.push([child, copy]);
      }
    }
  }
}

/** The rich text's structure, marks and attributes as one string, to tell equal sections apart from changed ones. */
function xmlSignature(root: Y.XmlFragment): string {
  const parts: string[] = [];
  const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook | string)[] = [...root.toArray()].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node === 'string') parts.push(node);
    else if (node instanceof Y.XmlText) parts.push(JSON.stringify(['t', node.getAttributes(), node.toDelta()]));
    else if (node instanceof Y.XmlElement) {
      parts.push(JSON.stringify(['<', node.nodeName, node.getAttributes()]));
      stack.push('>', ...[...node.toArray()].reverse());
    }
  }
  return parts.join('');
}

function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
