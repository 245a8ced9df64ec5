import { useSyncExternalStore } from 'react';

/**
 * Whether a CSS media query matches now, updated as the window changes. For layouts that differ
 * in structure (a table on wide screens, cards on phones), where hiding one with CSS would leave
 * both in the page for screen readers and tests.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Tailwind's `md` breakpoint (48rem): the sidebar shows and tables fit from here on. */
export const wideScreen = '(min-width: 48rem)';

/** Below Tailwind's `sm` breakpoint (40rem), as the calendar's stylesheet says it: a phone held upright. */
export const phoneScreen = '(max-width: 639px)';
