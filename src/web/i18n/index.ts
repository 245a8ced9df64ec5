import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared/auth.ts';
import { en } from './locales/en.ts';
import { fr } from './locales/fr.ts';

const storageKey = 'rendezvous.locale';

/**
 * The shared `locales` list, restated so the first page load does not pull zod in with
 * shared/auth.ts; the type below fails to compile if the two lists ever differ.
 */
export const supportedLocales = ['en', 'fr'] as const satisfies readonly Locale[];
type MissingLocale = Exclude<Locale, (typeof supportedLocales)[number]>;
const everyLocaleListed: [MissingLocale] extends [never] ? true : never = true;
void everyLocaleListed;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);
}

/** The language remembered on this device, else the browser's first supported one, else English. */
function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled (private mode); the browser's language still applies.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

export function currentLocale(): Locale {
  return isLocale(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en';
}

/** Switches the interface language and remembers it on this device. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Not remembered on this device; the account keeps it when signed in.
  }
  if (currentLocale() !== locale) await i18next.changeLanguage(locale);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

// Resources are bundled, so initialisation completes synchronously before the first render.
void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: [...supportedLocales],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export { i18next };
