import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CreateMemberRequest, Member, TokenInfo } from '../../../shared/api.ts';
import { App } from '../../../client/src/App.tsx';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import MembersPage from '../../../client/src/features/members/MembersPage.tsx';
import { ShareDialog } from '../../../client/src/features/workshop/ShareDialog.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession, meAs, memberOf } from './session.tsx';

const ADMIN = memberOf('admin', { id: 'admin', name: 'Admin' });
const MARA = memberOf('editor', { id: 'mara', name: 'Mara Marketing', email: 'mara@example.com' });
const HANDS = memberOf('viewer', { id: 'hands', name: 'Sales all-hands' });
const LINK = 'http://tandem.test/?token=secret.token.value';

/** An admin's API over an in-memory member list that changes as the page acts on it. */
function membersApi(initial: Member[] = [ADMIN, MARA, HANDS]) {
  let members = [...initial];
  const tokens: TokenInfo[] = [
    { id: 't1', kind: 'link', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null, lastUsedAt: null, revokedAt: null },
  ];
  const api = {
    listMembers: vi.fn<ApiClient['listMembers']>(() => Promise.resolve({ members, former: [] })),
    createMember: vi.fn<ApiClient['createMember']>((body: CreateMemberRequest) => {
      const member = memberOf(body.role, { id: `new-${members.length}`, name: body.name, team: body.team, email: body.email ?? null });
      members = [...members, member];
      return Promise.resolve({ member, link: LINK });
    }),
    updateMember: vi.fn<ApiClient['updateMember']>((id, patch) => {
      members = members.map((m) => (m.id === id ? { ...m, ...(patch as Partial<Member>) } : m));
      const changed = members.find((m) => m.id === id);
      return changed ? Promise.resolve(changed) : Promise.reject(new Error('no such member'));
    }),
    removeMember: vi.fn<ApiClient['removeMember']>((id) => {
      members = members.filter((m) => m.id !== id);
      return Promise.resolve();
    }),
    listTokens: vi.fn<ApiClient['listTokens']>(() => Promise.resolve(tokens)),
    revokeToken: vi.fn<ApiClient['revokeToken']>(() => Promise.resolve()),
    createToken: vi.fn<ApiClient['createToken']>(() => Promise.resolve({ token: 'x', id: 't2', expiresAt: null, link: `${LINK}2` })),
  };
  return { api, client: fakeApiClient(api) };
}

function renderMembers(client: ApiClient) {
  render(
    <SessionProvider store={makeSession({ me: { member: ADMIN, role: 'admin', via: 'token' } })}>
      <ApiProvider api={client}>
        <MemoryRouter>
          <MembersPage />
        </MemoryRouter>
      </ApiProvider>
    </SessionProvider>,
  );
  return userEvent.setup();
}

const rowOf = async (name: string) => {
  const rows = await screen.findAllByTestId('member-row');
  const row = rows.find((r) => r.getAttribute('data-member') === name);
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

afterEach(() => localStorage.clear());

describe('the Members page', () => {
  it('lists people (name, team, role, email, active) apart from reader links', async () => {
    const { client } = membersApi();
    renderMembers(client);
    const mara = await rowOf('Mara Marketing');
    expect(within(mara).getByRole('combobox', { name: 'Team of Mara Marketing' })).toHaveProperty('value', 'marketing');
    expect(within(mara).getByRole('combobox', { name: 'Role of Mara Marketing' })).toHaveProperty('value', 'editor');
    expect(mara.textContent).toContain('mara@example.com');
    expect(mara.textContent).toContain('Active');
    expect(screen.getAllByTestId('member-row').map((r) => r.getAttribute('data-member'))).toEqual(['Admin', 'Mara Marketing']);
    expect(within(screen.getByTestId('reader-links')).getByTestId('reader-row').textContent).toContain('Sales all-hands');
  });

  it('invites a person and shows their link once, to copy', async () => {
    const { api, client } = membersApi();
    const user = renderMembers(client);
    const form = await screen.findByRole('form', { name: 'Invite a person' });
    await user.type(within(form).getByLabelText('Name'), 'Ana');
    await user.type(within(form).getByLabelText(/Email/), 'ana@example.com');
    await user.click(within(form).getByRole('button', { name: 'Invite and make their link' }));
    expect(api.createMember).toHaveBeenCalledWith({ name: 'Ana', team: 'marketing', role: 'editor', email: 'ana@example.com' });
    const reveal = await screen.findByTestId('link-reveal');
    expect(within(reveal).getByTestId<HTMLInputElement>('link-reveal-url').value).toBe(LINK);
    await user.click(within(reveal).getByTestId('link-reveal-copy'));
    // user-event stands in a clipboard for the test's browser.
    expect(await navigator.clipboard.readText()).toBe(LINK);
    expect(within(reveal).getByText('Copied')).toBeTruthy();
    expect(await rowOf('Ana')).toBeTruthy();
    await user.click(within(reveal).getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('link-reveal')).toBeNull();
  });

  it('[§6] will not invite an editor of no team, and says why', async () => {
    const { api, client } = membersApi();
    const user = renderMembers(client);
    const form = await screen.findByRole('form', { name: 'Invite a person' });
    await user.type(within(form).getByLabelText('Name'), 'Olga');
    await user.selectOptions(within(form).getByLabelText('Team'), 'other');
    expect(within(form).getByRole('alert').textContent).toContain('choose Marketing or Sales');
    expect(within(form).getByRole<HTMLButtonElement>('button', { name: 'Invite and make their link' }).disabled).toBe(true);
    expect(api.createMember).not.toHaveBeenCalled();
  });

  it('asks for a name before inviting', async () => {
    const { api, client } = membersApi();
    const user = renderMembers(client);
    const form = await screen.findByRole('form', { name: 'Invite a person' });
    await user.click(within(form).getByRole('button', { name: 'Invite and make their link' }));
    expect(within(form).getByRole('alert').textContent).toContain('Enter the person’s name');
    expect(api.createMember).not.toHaveBeenCalled();
  });

  it('changes a member’s team in place', async () => {
    const { api, client } = membersApi();
    const user = renderMembers(client);
    await user.selectOptions(within(await rowOf('Mara Marketing')).getByRole('combobox', { name: 'Team of Mara Marketing' }), 'sales');
    expect(api.updateMember).toHaveBeenCalledWith('mara', { team: 'sales' });
    await waitFor(async () => expect(within(await rowOf('Mara Marketing')).getByRole('combobox', { name: 'Team of Mara Marketing' })).toHaveProperty('value', 'sales'));
  });

  it('deactivates a member', async () => {
    const { api, client } = membersApi();
    const user = renderMembers(client);
    await user.click(within(await rowOf('Mara Marketing')).getByRole('button', { name: /Deactivate Mara Marketing/ }));
    expect(api.updateMember).toHaveBeenCalledWith('mara', { active: false });
    await waitFor(async () => expect((await rowOf('Mara Marketing')).textContent).toContain('Deactivated'));
  });

  it('removes a member only after confirming, and never offers to remove yourself', async () => {
    const { api, client } = membersApi();
    const user = renderMembers(client);
    expect(within(await rowOf('Admin')).queryByRole('button', { name: /Remove/ })).toBeNull();
    await user.click(within(await rowOf('Mara Marketing')).getByRole('button', { name: 'Remove Mara Marketing' }));
    const confirm = await screen.findByTestId('confirm-remove');
    expect(api.removeMember).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(api.removeMember).not.toHaveBeenCalled();
    await user.click(within(await rowOf('Mara Marketing')).getByRole('button', { name: 'Remove Mara Marketing' }));
    await user.click(within(await screen.findByTestId('confirm-remove')).getByRole('button', { name: 'Remove Mara Marketing' }));
    expect(api.removeMember).toHaveBeenCalledWith('mara');
    await waitFor(() => expect(screen.getAllByTestId('member-row').map((r) => r.getAttribute('data-member'))).toEqual(['Admin']));
  });

  it('lists a member’s links, revokes one, and makes a new one shown once', async () => {
    const { api, client } = membersApi();
    const user = renderMembers(client);
    await user.click(within(await rowOf('Mara Marketing')).getByRole('button', { name: 'Mara Marketing' }));
    const tokens = await screen.findByTestId('member-tokens');
    const row = await within(tokens).findByTestId('token-row');
    expect(row.textContent).toContain('Link');
    expect(row.textContent).toContain('Never');
    await user.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(api.revokeToken).toHaveBeenCalledWith('mara', 't1');
    await user.click(within(tokens).getByTestId('new-link'));
    expect(api.createToken).toHaveBeenCalledWith('mara');
    expect((await within(tokens).findByTestId<HTMLInputElement>('link-reveal-url')).value).toBe(`${LINK}2`);
  });

  it('makes a reader link: a viewer of no team named for where it is posted', async () => {
    const { api, client } = membersApi([ADMIN]);
    const user = renderMembers(client);
    const readers = screen.getByTestId('reader-links');
    expect(await within(readers).findByText('No reader links yet.')).toBeTruthy();
    await user.type(within(readers).getByLabelText('Where it will be posted'), 'Sales all-hands');
    await user.click(within(readers).getByRole('button', { name: 'Make a reader link' }));
    expect(api.createMember).toHaveBeenCalledWith({ name: 'Sales all-hands', team: 'other', role: 'viewer' });
    expect(await within(readers).findByTestId('link-reveal')).toBeTruthy();
    expect((await within(readers).findByTestId('reader-row')).textContent).toContain('Sales all-hands');
  });

  it('says what failed when the list cannot load, and retries', async () => {
    const { client } = membersApi();
    const listMembers = vi.fn<ApiClient['listMembers']>().mockRejectedValueOnce(new Error('down')).mockResolvedValue({ members: [ADMIN], former: [] });
    const user = renderMembers({ ...client, listMembers });
    const retry = await screen.findByRole('button', { name: 'Try again' });
    await user.click(retry);
    expect(await rowOf('Admin')).toBeTruthy();
  });

  it('is for admins only', async () => {
    render(
      <SessionProvider store={makeSession({ role: 'editor' })}>
        <ApiProvider api={fakeApiClient({})}>
          <MemoryRouter initialEntries={['/members']}>
            <Routes>
              <Route path="*" element={<App />} />
            </Routes>
          </MemoryRouter>
        </ApiProvider>
      </SessionProvider>,
    );
    expect(await screen.findByTestId('not-allowed')).toBeTruthy();
  });
});

describe('the Share dialog', () => {
  function renderShare(role: 'admin' | 'editor', client: ApiClient) {
    render(
      <SessionProvider store={makeSession({ me: meAs(role) })}>
        <ApiProvider api={client}>
          <MemoryRouter>
            <ShareDialog personaId="maria" />
          </MemoryRouter>
        </ApiProvider>
      </SessionProvider>,
    );
    return userEvent.setup();
  }

  it('lets an admin invite a person to this persona, with a link that opens it', async () => {
    const { api, client } = membersApi();
    const user = renderShare('admin', client);
    await user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByTestId('share-dialog');
    await user.type(within(dialog).getByLabelText('Name'), 'Ben');
    await user.selectOptions(within(dialog).getByLabelText('Team'), 'sales');
    await user.click(within(dialog).getByRole('button', { name: 'Invite and make their link' }));
    expect(api.createMember).toHaveBeenCalledWith({ name: 'Ben', team: 'sales', role: 'editor' });
    expect((await within(dialog).findByTestId<HTMLInputElement>('link-reveal-url')).value).toBe('http://tandem.test/p/maria?token=secret.token.value');
  });

  it('lets an admin make a reader link that opens this persona in the library', async () => {
    const { api, client } = membersApi();
    const user = renderShare('admin', client);
    await user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByTestId('share-dialog');
    await user.click(within(dialog).getByRole('tab', { name: 'Reader link' }));
    await user.type(within(dialog).getByLabelText('Where it will be posted'), 'Intranet');
    await user.click(within(dialog).getByRole('button', { name: 'Make a reader link' }));
    expect(api.createMember).toHaveBeenCalledWith({ name: 'Intranet', team: 'other', role: 'viewer' });
    expect((await within(dialog).findByTestId<HTMLInputElement>('link-reveal-url')).value).toBe('http://tandem.test/library/maria?token=secret.token.value');
  });

  it('gives an editor the persona’s address, mints nothing, and says an admin invites new people', async () => {
    const client = fakeApiClient({});
    const user = renderShare('editor', client);
    await user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByTestId('share-dialog');
    expect(within(dialog).getByRole<HTMLInputElement>('textbox').value).toBe(`${window.location.origin}/p/maria`);
    expect(within(dialog).getByTestId('share-admin-invites').textContent).toContain('An admin invites them');
    expect(within(dialog).queryByRole('form')).toBeNull();
  });
});
