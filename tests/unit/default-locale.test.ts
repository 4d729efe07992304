import { describe, expect, it } from 'vitest';
import { defaultToLocale } from '../../src/admin/default-locale';

/** localStorage's two methods over a Map. */
function storage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value), values };
}

describe('the admin panel language default', () => {
  it('gives a browser that never chose the default language, under the key Strapi reads', () => {
    const store = storage();
    defaultToLocale(store, 'it');
    expect(store.values.get('strapi-admin-language')).toBe('it');
  });

  it('keeps a language already chosen', () => {
    const store = storage({ 'strapi-admin-language': 'en' });
    defaultToLocale(store, 'it');
    expect(store.values.get('strapi-admin-language')).toBe('en');
  });
});
