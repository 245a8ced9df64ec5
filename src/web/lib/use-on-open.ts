import { useLayoutEffect, useRef } from 'react';

/**
 * Runs `prepare` (put the form back to its starting values) each time a dialog opens, before the
 * browser paints it. In an effect it would run after: the previous values would show for a
 * frame, and a quick click on them would then be undone.
 */
export function useOnOpen(open: boolean, prepare: () => void): void {
  const latest = useRef(prepare);
  latest.current = prepare;
  useLayoutEffect(() => {
    if (open) latest.current();
  }, [open]);
}
