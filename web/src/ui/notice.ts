import { useState } from 'react';
import { useLocation } from 'react-router';

/** What a form page tells the page it sends the person to (history state, never storage). */
export type NoticeState = { notice?: string };

/** A success message handed over by the page before, which the page can replace with its own. */
export function useNotice(): [string | null, (notice: string | null) => void] {
  const location = useLocation();
  const handedOver = (location.state as NoticeState | null)?.notice ?? null;
  const [notice, setNotice] = useState<string | null>(handedOver);
  const [seenKey, setSeenKey] = useState(location.key);
  // A new navigation with a new notice replaces the old one.
  if (seenKey !== location.key) {
    setSeenKey(location.key);
    setNotice(handedOver);
  }
  return [notice, setNotice];
}
