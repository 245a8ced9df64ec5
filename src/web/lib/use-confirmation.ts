import { useState } from 'react';

/**
 * What a ConfirmDialog asks about, and why the action failed if it did: said in the dialog,
 * where it is read (a toast would sit behind its backdrop). `ask(null)` closes the dialog.
 */
export function useConfirmation<T>() {
  const [subject, setSubject] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ask = (next: T | null) => {
    setError(null);
    setSubject(next);
  };
  return { subject, error, ask, fail: setError };
}
