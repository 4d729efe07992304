/**
 * The demo's accounts and default password (README's first command): the seed makes them, the tests and
 * the benchmark sign in with them. No imports, so that test support code can take it as it is.
 */
export const DEMO_PASSWORD_DEFAULT = 'SpocDemo2026!';

/** The password the demo accounts get: `DEMO_PASSWORD` when set, else the default. */
export function demoPassword(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT;
}

export const DEMO_ACCOUNTS = {
  admin: 'admin@spoc-desk.local',
  supervisor: 'supervisore@spoc-desk.local',
  operator: 'operatore@spoc-desk.local',
  staff: 'mario.rossi@azero.veneto.it',
  referent: 'giulia.bianchi@azero.veneto.it',
  otherStaff: 'luca.verdi@aulss6.veneto.it',
} as const;
