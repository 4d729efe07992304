import type { ResetLimits } from './rules/password-reset';

export interface PortalConfig {
  /** Forgotten-password requests are held silently beyond these, per address and per client IP. */
  passwordReset: ResetLimits;
  live: {
    /** Open live streams one user may hold on one instance (tabs, devices): a bound on what a user can tie up. */
    maxStreamsPerUser: number;
    /** Events a reconnecting client is sent; with more it is told to reload (`event: reset`). */
    replayLimit: number;
    /** Comment lines on idle streams, so proxies and load balancers keep them open; sessions are re-checked then too. */
    heartbeatSeconds: number;
  };
}

export default {
  default: {
    passwordReset: { perAddress: 3, perIp: 20, windowMinutes: 60 },
    live: { maxStreamsPerUser: 5, replayLimit: 500, heartbeatSeconds: 20 },
  } satisfies PortalConfig,
  validator() {},
};
