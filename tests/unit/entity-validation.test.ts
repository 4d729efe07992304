import { describe, expect, it } from 'vitest';
import { strapiScalarValidators } from '../../src/database/entity-validation';

/**
 * Pins the deep import of Strapi's scalar validators (database/entity-validation.ts): where they are and
 * what they build. A Strapi upgrade that moves them or changes their signature fails here; the integration
 * test (entity-validation.test.ts) compares whole outcomes with Strapi's validator.
 */
describe("Strapi's scalar attribute validators", () => {
  it('are reached for every type the cached schema builds', () => {
    for (const type of ['string', 'text', 'richtext', 'password', 'email', 'enumeration', 'boolean', 'json', 'integer', 'biginteger', 'float', 'decimal', 'date', 'time', 'datetime', 'timestamp']) {
      expect(typeof strapiScalarValidators[type], type).toBe('function');
    }
  });

  it('build from the attribute and the options alone: a string of at most 255, an enumeration of its values', async () => {
    const string = strapiScalarValidators.string({ attr: { type: 'string' } as never }, { isDraft: false });
    await expect(string.validate('x'.repeat(255))).resolves.toBe('x'.repeat(255));
    await expect(string.validate('x'.repeat(256))).rejects.toThrow(/at most 255/);
    const enumeration = strapiScalarValidators.enumeration({ attr: { type: 'enumeration', enum: ['P1', 'P2'] } as never }, { isDraft: false });
    await expect(enumeration.validate('P2')).resolves.toBe('P2');
    await expect(enumeration.validate('P9')).rejects.toThrow(/one of the following values/);
  });
});
