import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { ApiClient } from './http.ts';

const ApiContext = createContext<ApiClient | null>(null);

export function ApiProvider({ api, children }: { api: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an <ApiProvider>');
  return api;
}

/** The API when one is provided, else null: for optional extras of components also shown without it. */
export function useOptionalApi(): ApiClient | null {
  return useContext(ApiContext);
}
