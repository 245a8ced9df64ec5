import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Locale, Me } from '../../../../shared/auth.ts';
import { applyLocale, currentLocale } from '../../../i18n/index.ts';
import { useUpdateMe } from '../api/update-me.ts';

/**
 * Keeps the interface in the account's language: the saved locale wins when there is one;
 * an account without one (just signed up) keeps the language chosen on this device and saves it.
 */
export function useAccountLanguage(me: Me) {
  const { mutate } = useUpdateMe();
  const savedOnce = useRef(false);
  const saved = me.user.locale;
  useEffect(() => {
    if (saved) {
      void applyLocale(saved);
    } else if (!savedOnce.current) {
      savedOnce.current = true;
      mutate({ locale: currentLocale() });
    }
  }, [saved, mutate]);
}

/** Switches the language on this device and, when signed in, in the account too. */
export function useChangeLanguage(isSignedIn: boolean) {
  const { t } = useTranslation();
  const { mutate } = useUpdateMe();
  return (locale: Locale) => {
    void applyLocale(locale);
    if (isSignedIn) {
      mutate({ locale }, { onError: () => toast.error(t('language.saveFailed')) });
    }
  };
}
