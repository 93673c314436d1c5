import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectionIndicator } from '../../../client/src/features/workshop/ConnectionIndicator.tsx';
import { en } from '../../../client/src/i18n/en.ts';
import { es } from '../../../client/src/i18n/es.ts';
import { searchable } from '../../../client/src/i18n/format.ts';
import { detectLocale, LOCALE_STORAGE_KEY, translate, useT } from '../../../client/src/i18n/index.ts';
import { loadParticipant, parseParticipant, USER_STORAGE_KEY } from '../../../client/src/session/user.ts';
import { makeSession, withSession } from './session.tsx';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have exactly the same keys in English and Spanish', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty strings', () => {
    for (const dictionary of [en, es]) {
      for (const [key, text] of Object.entries(dictionary)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(es[key as keyof typeof es]), key).toEqual(placeholders(text));
    }
  });

  it('fill placeholders and leave unknown ones as they are', () => {
    expect(translate('en', 'home.evidence.sales', { count: 3 })).toBe('3 sales anecdotes');
    expect(translate('en', 'home.noMatch')).toBe('No persona’s name matches “{query}”.');
  });
});

describe('detectLocale', () => {
  it('prefers the saved choice', () => {
    expect(detectLocale('es', ['en-US'])).toBe('es');
    expect(detectLocale('en', ['es-ES'])).toBe('en');
  });

  it('then the first supported browser language, by its base', () => {
    expect(detectLocale(null, ['fr-FR', 'ES-mx', 'en'])).toBe('es');
    expect(detectLocale('klingon', ['de', 'en-GB', 'es'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(detectLocale(null, [])).toBe('en');
    expect(detectLocale('', ['fr', 'de-CH'])).toBe('en');
  });

  it('is what a new session starts in, saved choice first', () => {
    expect(makeSession({ languages: ['es-AR'] }).getState().locale).toBe('es');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    expect(makeSession({ languages: ['es-AR'] }).getState().locale).toBe('en');
  });
});

function Greeting() {
  const t = useT();
  return <h1>{t('join.title')}</h1>;
}

describe('switching language', () => {
  it('re-renders in Spanish and remembers the choice', () => {
    const store = makeSession();
    render(
      <>
        <Greeting />
        <ConnectionIndicator status="connected" />
      </>,
      { wrapper: withSession(store) },
    );
    expect(screen.getByRole('heading').textContent).toBe('Join the workshop');
    act(() => store.getState().setLocale('es'));
    expect(screen.getByRole('heading').textContent).toBe(translate('es', 'join.title'));
    expect(screen.getByRole('heading').textContent).not.toBe('Join the workshop');
    expect(screen.getByTestId('connection').textContent).toContain('En directo');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('es');
  });
});

describe('searchable', () => {
  it('drops accents and case', () => {
    expect(searchable('María José ÑANDÚ')).toBe('maria jose nandu');
  });
});

describe('participant from storage', () => {
  it('accepts a well-formed participant, trimming the name', () => {
    expect(parseParticipant({ name: ' Ana ', side: 'sales', color: '#ABCDEF' })).toEqual({ name: 'Ana', side: 'sales', color: '#ABCDEF' });
  });

  it('rejects anything that is not one', () => {
    for (const bad of [null, undefined, 'Ana', 42, [], {}, { name: 'Ana' }, { side: 'sales' }, { name: '', side: 'sales' }, { name: 'Ana', side: 'Sales' }, { name: 7, side: 'sales' }]) {
      expect(parseParticipant(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('replaces a colour that is not #rrggbb with one of the side, and caps the name', () => {
    const parsed = parseParticipant({ name: 'x'.repeat(500), side: 'marketing', color: 'url(javascript:1)' });
    expect(parsed?.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(parsed?.name.length).toBe(60);
  });

  it('loads nothing from broken or wrong storage JSON', () => {
    expect(loadParticipant(localStorage)).toBeNull();
    for (const raw of ['{not json', '"Ana"', 'null', '{"name":"Ana","side":"legal","color":"#000000"}', '[]']) {
      localStorage.setItem(USER_STORAGE_KEY, raw);
      expect(loadParticipant(localStorage), raw).toBeNull();
      expect(makeSession().getState().participant, raw).toBeNull();
    }
    localStorage.setItem(USER_STORAGE_KEY, '{"name":"Ana","side":"sales","color":"#c2410c"}');
    expect(loadParticipant(localStorage)).toEqual({ name: 'Ana', side: 'sales', color: '#c2410c' });
  });
});
