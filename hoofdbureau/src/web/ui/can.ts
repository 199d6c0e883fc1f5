// What the logged-in person may do, for the screens: a button the role may not use is not shown.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Action } from '../../staff/permissions.ts';

export const Allowed = createContext<ReadonlySet<Action>>(new Set());

export const useCan = (): ((action: Action) => boolean) => {
  const allowed = useContext(Allowed);
  return (action) => allowed.has(action);
};
