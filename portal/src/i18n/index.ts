import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en';
import it, { type Messages } from './it';
import type { Language } from '../format/dates';

const LANGUAGE_KEY = 'spoc.portal.language';

/** Italian unless the user chose English (here, or in the account, which wins once signed in). */
export function storedLanguage(): Language {
  return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'it';
}

export function applyLanguage(language: Language) {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

void i18next.use(initReactI18next).init({
  resources: { it: { translation: it }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'it',
  // React escapes what it renders; i18next escaping on top would show &amp; to the user.
  interpolation: { escapeValue: false },
});
document.documentElement.lang = storedLanguage();

export default i18next;

// Every key given to t() is checked against the Italian messages, which en.ts must match: a key missing
// in either language, or a typo in a page, is a type error.
declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}
