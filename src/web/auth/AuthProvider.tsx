import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Permission } from '../../shared/roles.js';
import { api, setSignedOutHandler } from '../api/client.js';
import type { Me } from '../api/types.js';

export interface Auth {
  /** Undefined while the session is being checked, null when signed out. */
  me: Me | null | undefined;
  /** True when the session ended on its own (expiry, reset by an administrator) rather than by logging out. */
  expired: boolean;
  can(permission: Permission): boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const signedIn = useRef(false);
  signedIn.current = Boolean(me);

  useEffect(() => {
    setSignedOutHandler(() => {
      if (signedIn.current) setExpired(true);
      setMe(null);
    });
    api.get<Me>('/auth/me').then(setMe, () => setMe(null));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const who = await api.post<Me>('/auth/login', { username, password });
    setExpired(false);
    setMe(who);
  }, []);

  const logout = useCallback(async () => {
    await api.post('/auth/logout').catch(() => undefined);
    setExpired(false);
    setMe(null);
  }, []);

  const value = useMemo<Auth>(() => ({
    me,
    expired,
    can: (permission) => Boolean(me?.permissions.includes(permission)),
    login,
    logout,
  }), [me, expired, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user, for pages rendered inside the authenticated shell. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
