/**
 * The admin panel's language for a browser that never chose one. Strapi 5.54 reads it from this localStorage
 * key before the first render and falls back to English; the login page's language menu and a profile's
 * "Interface language" (`preferedLanguage`, applied at sign-in) write the same key. So setting it only when
 * absent makes Italian the default without overriding anyone who picked English, on the login page or in
 * the profile. The key is Strapi's (`LANGUAGE_LOCAL_STORAGE_KEY` in @strapi/admin's reducer), not exported.
 */
const LANGUAGE_STORAGE_KEY = 'strapi-admin-language';

interface LanguageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function defaultToLocale(storage: LanguageStorage, locale: string) {
  if (!storage.getItem(LANGUAGE_STORAGE_KEY)) storage.setItem(LANGUAGE_STORAGE_KEY, locale);
}
