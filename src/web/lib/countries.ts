import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryCodes } from '../../shared/company.ts';

/** A country's name in a language ("DE" → "Allemagne" in French); its code if the browser has none. */
function countryName(names: Intl.DisplayNames, code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    // Not a region code at all (the company schema allows none, but a reader still sees something).
    return code;
  }
}

/** The countries by their names in the reader's language, in that language's order. */
export function useCountries() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
    const collator = new Intl.Collator(i18n.language);
    return countryCodes
      .map((code) => ({ code, name: countryName(names, code) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [i18n.language]);
}

/** Names one country, by its ISO code, in the reader's language. */
export function useCountryName(): (code: string) => string {
  const { i18n } = useTranslation();
  const names = useMemo(() => new Intl.DisplayNames([i18n.language], { type: 'region' }), [i18n.language]);
  return useCallback((code: string) => countryName(names, code), [names]);
}
