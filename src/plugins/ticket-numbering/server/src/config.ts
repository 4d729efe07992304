export interface NumberingConfig {
  /** Printed before the year: `HD` gives HD-2026-000123. */
  prefix: string;
  /** The year of a number is the year of registration in this zone. */
  timeZone: string;
}

export default {
  default: { prefix: 'HD', timeZone: 'Europe/Rome' } satisfies NumberingConfig,
  validator(config: NumberingConfig) {
    if (!/^[A-Z][A-Z0-9]{0,9}$/.test(config.prefix)) {
      throw new Error(`ticket-numbering: prefix "${config.prefix}" must be 1-10 capital letters or digits, starting with a letter`);
    }
  },
};
