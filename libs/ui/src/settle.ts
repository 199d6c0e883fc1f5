// After the screen changes, touches are ignored for a moment: a double tap on "Next" must not
// land on the button that takes its place on the next screen (for instance "Confirm").
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

export const SETTLE_MS = 400;

/** True when the current screen has been visible long enough to be touched. */
export const Settled = createContext(true);

export const useSettled = (): boolean => useContext(Settled);

/** False for `ms` after `key` changes, then true. */
export function useSettle(key: string, ms = SETTLE_MS): boolean {
  const [settledKey, setSettledKey] = useState<string | undefined>(undefined);
  useEffect(() => {
    const timer = setTimeout(() => setSettledKey(key), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settledKey === key;
}
