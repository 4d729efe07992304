import type { ResetLimits } from './rules/password-reset';

export interface PortalConfig {
  /** Forgotten-password requests are held silently beyond these, per address and per client IP. */
  passwordReset: ResetLimits;
}

export default {
  default: {
    passwordReset: { perAddress: 3, perIp: 20, windowMinutes: 60 },
  } satisfies PortalConfig,
  validator() {},
};
