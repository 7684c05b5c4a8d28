import { useSyncExternalStore } from 'react';

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Phone layouts up to this width: drawer navigation, card lists, large touch targets. */
export const useIsMobile = () => useMediaQuery('(max-width: 768px)');

/** The device asks for less animation (an accessibility setting): the UI then switches it off. */
export const useReducedMotion = () => useMediaQuery('(prefers-reduced-motion: reduce)');
