import type { Language } from './dates';

const locales: Record<Language, string> = { it: 'it-IT', en: 'en-GB' };

/** A share in percent (0–100) with one decimal, the way the language writes it: "97,5%" in Italian. */
export function formatPercent(percent: number | null | undefined, language: Language): string {
  if (percent === null || percent === undefined) return '—';
  return new Intl.NumberFormat(locales[language], { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(percent / 100);
}
