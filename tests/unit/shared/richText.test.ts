import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  PersonaShapeError,
  fragmentToJSON,
  fragmentToPlainText,
  getSection,
  readPersona,
  writeFragmentFromJSON,
} from '../../../shared/persona/index.ts';
import type { RichTextDoc } from '../../../shared/persona/index.ts';
import { createPeers, expectConverged, syncPeers } from '../../helpers/ydocs.ts';

const rich: RichTextDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Who decides' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: '¿Qué opinas, señor Núñez? ' },
        { type: 'text', text: 'Both', marks: [{ type: 'bold' }, { type: 'italic' }] },
        { type: 'text', text: ' and ' },
        { type: 'text', text: 'backed', marks: [{ type: 'evidence', attrs: { ids: 'ev1,ev2' } }] },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Champion' }] },
            {
              type: 'orderedList',
              attrs: { start: 3 },
              content: [
                { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ops lead' }] }] },
                {
                  type: 'listItem',
                  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Finance', marks: [{ type: 'italic' }] }] }],
                },
              ],
            },
          ],
        },
      ],
    },
    { type: 'paragraph' },
  ],
};

function shapeReason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PersonaShapeError) return error.reason;
    throw error;
  }
  throw new Error('expected a PersonaShapeError');
}

function freshFragment(): Y.XmlFragment {
  return getSection(new Y.Doc(), 'summary');
}

describe('rich text round trip', () => {
  it('headings, nested lists, bold+italic, marks with attrs and accents come back equal', () => {
    const fragment = freshFragment();
    writeFragmentFromJSON(fragment, rich);
    expect(fragmentToJSON(fragment)).toEqual(rich);
  });

  it('survives an encode/apply to another doc', () => {
    const source = new Y.Doc();
    writeFragmentFromJSON(getSection(source, 'pains'), rich);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
    expect(readPersona(copy).sections.pains).toEqual(rich);
  });
});

describe('y-prosemirror encoding', () => {
  it('stores nodes as Y.XmlElement named by type, attrs as attributes, marks as text formatting', () => {
    const fragment = freshFragment();
    writeFragmentFromJSON(fragment, rich);
    const heading = fragment.get(0);
    expect(heading).toBeInstanceOf(Y.XmlElement);
    expect((heading as Y.XmlElement).nodeName).toBe('heading');
    expect((heading as Y.XmlElement).getAttribute('level')).toBe(2);
    const paragraph = fragment.get(1) as Y.XmlElement;
    const text = paragraph.get(0);
    expect(text).toBeInstanceOf(Y.XmlText);
    expect(paragraph.length).toBe(1);
    expect((text as Y.XmlText).toDelta()).toEqual([
      { insert: '¿Qué opinas, señor Núñez? ' },
      { insert: 'Both', attributes: { bold: {}, italic: {} } },
      { insert: ' and ' },
      { insert: 'backed', attributes: { evidence: { ids: 'ev1,ev2' } } },
    ]);
  });

  it('drops null node attrs, keeps null mark attrs, as y-prosemirror does', () => {
    const fragment = freshFragment();
    writeFragmentFromJSON(fragment, {
      type: 'doc',
      content: [
        {
          type: 'orderedList',
          attrs: { start: 1, type: null },
          content: [
            {
              type: 'listItem',
              content: [
                {
                  type: 'paragraph',
                  content: [{ type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://x.test', target: null } }] }],
                },
              ],
            },
          ],
        },
      ],
    });
    const list = fragment.get(0) as Y.XmlElement;
    expect(list.getAttributes()).toEqual({ start: 1 });
    const text = ((list.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(text.toDelta()).toEqual([{ insert: 'link', attributes: { link: { href: 'https://x.test', target: null } } }]);
  });

  it('reads hashed names of overlapping marks and joins adjacent Y.XmlText', () => {
    const fragment = freshFragment();
    const paragraph = new Y.XmlElement('paragraph');
    fragment.insert(0, [paragraph]);
    const first = new Y.XmlText();
    const second = new Y.XmlText();
    paragraph.insert(0, [first, second]);
    first.insert(0, 'Hello ');
    second.applyDelta([{ insert: 'world', attributes: { 'comment--AbCd12+/': { id: 'c1' } } }, { insert: '!' }]);
    expect(fragmentToJSON(fragment).content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Hello ' },
          { type: 'text', text: 'world', marks: [{ type: 'comment', attrs: { id: 'c1' } }] },
          { type: 'text', text: '!' },
        ],
      },
    ]);
  });
});

describe('malformed rich text', () => {
  it.each([
    ['a node without a type', { type: 'doc', content: [{ content: [] }] }, /^doc\.content\[0\]\.type: /],
    ['empty text', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] }, /^doc\.content\[0\]\.content\[0\]\.text: /],
    ['content that is not an array', { type: 'doc', content: [{ type: 'paragraph', content: 'hi' }] }, /^doc\.content\[0\]\.content: /],
    ['marks on a block', { type: 'doc', content: [{ type: 'paragraph', marks: [{ type: 'bold' }] }] }, /^doc\.content\[0\]\.marks: /],
    ['a mark without a type', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{}] }] }] }, /marks\[0\]\.type: /],
    ['a function attr', { type: 'doc', content: [{ type: 'heading', attrs: { level: () => 1 } }] }, /^doc\.content\[0\]\.attrs\.level: /],
    ['a root that is not a doc', { type: 'paragraph', content: [] }, /^doc\.type: /],
  ])('throws on %s, naming the path', (_, input, reason) => {
    const fragment = freshFragment();
    expect(() => writeFragmentFromJSON(fragment, input as unknown as RichTextDoc)).toThrow(PersonaShapeError);
    expect(shapeReason(() => writeFragmentFromJSON(fragment, input as unknown as RichTextDoc))).toMatch(reason);
    expect(fragment.length).toBe(0);
  });

  it('writes nothing when a later node is malformed', () => {
    const fragment = freshFragment();
    const input = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'fine' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'text', text: 'x', marks: 'bold' }] }] },
      ],
    };
    expect(shapeReason(() => writeFragmentFromJSON(fragment, input as unknown as RichTextDoc))).toMatch(
      /^doc\.content\[1\]\.content\[0\]\.content\[0\]\.marks: expected an array/,
    );
    expect(fragment.length).toBe(0);
  });

  it('refuses to read embedded non-text content', () => {
    const fragment = freshFragment();
    const paragraph = new Y.XmlElement('paragraph');
    fragment.insert(0, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insertEmbed(0, { image: 'x.png' });
    expect(() => fragmentToJSON(fragment, 'section:summary')).toThrow(/section:summary\.children\[0\]\.children\[0\]/);
  });
});

describe('plain text', () => {
  it('puts each block on its own line', () => {
    const fragment = freshFragment();
    writeFragmentFromJSON(fragment, rich);
    expect(fragmentToPlainText(fragment)).toBe(
      ['Who decides', '¿Qué opinas, señor Núñez? Both and backed', 'Champion', 'Ops lead', 'Finance', ''].join('\n'),
    );
    expect(fragmentToPlainText(freshFragment())).toBe('');
  });
});

describe('concurrent rich text edits', () => {
  it('both peers typing into the same section keep both paragraphs', () => {
    const peers = createPeers(2);
    peers.forEach((doc, i) =>
      writeFragmentFromJSON(getSection(doc, 'messaging'), {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: `line from peer ${i}`, marks: [{ type: 'bold' }] }] }],
      }),
    );
    syncPeers(peers);
    expectConverged(peers);
    const text = fragmentToPlainText(getSection(peers[0] as Y.Doc, 'messaging'));
    expect(text.split('\n').sort()).toEqual(['line from peer 0', 'line from peer 1']);
  });
});
