import { useEffect } from 'react';

/** Sets the browser tab's title; say what the page is first, as screen readers read it on arrival. */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – Liaison`;
  }, [title, hasErrors]);
}
