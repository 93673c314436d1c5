// The member directory for mentions (GET /api/members), loaded once per workshop and shared by
// every comment, reply and evidence note in it. Readers cannot list members: they read names as unknown.
import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../../api/context.tsx';
import { useFetch } from '../../api/useFetch.ts';
import { EMPTY_DIRECTORY } from './mentionText.ts';
import type { MentionDirectory } from './mentionText.ts';

const DirectoryContext = createContext<MentionDirectory>(EMPTY_DIRECTORY);

export function MentionDirectoryProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const api = useApi();
  const fetched = useFetch(enabled ? 'members' : 'none', async (signal) => (enabled ? api.listMembers(signal) : null));
  const data = fetched.data;
  const directory = useMemo<MentionDirectory>(
    () => (data ? { members: data.members, former: data.former } : EMPTY_DIRECTORY),
    [data],
  );
  return <DirectoryContext.Provider value={directory}>{children}</DirectoryContext.Provider>;
}

/** The directory of the workshop around; empty outside one. */
export function useMentionDirectory(): MentionDirectory {
  return useContext(DirectoryContext);
}
