export interface PortalConfig {
  live: {
    /** Open live streams one user may hold on one instance (tabs, devices): a bound on what a user can tie up. */
    maxStreamsPerUser: number;
    /** Events a reconnecting client is sent; with more it is told to reload (`event: reset`). */
    replayLimit: number;
    /** Comment lines on idle streams, so proxies and load balancers keep them open. */
    heartbeatSeconds: number;
  };
}

export default {
  default: (): PortalConfig => ({ live: { maxStreamsPerUser: 5, replayLimit: 500, heartbeatSeconds: 20 } }),
  validator(config: PortalConfig) {
    const { maxStreamsPerUser, replayLimit, heartbeatSeconds } = config.live;
    for (const [name, value] of Object.entries({ maxStreamsPerUser, replayLimit, heartbeatSeconds })) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`portal: live.${name} must be a positive whole number`);
    }
  },
};
