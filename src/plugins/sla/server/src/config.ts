export interface SlaConfig {
  /** Cron rule of the warnings-and-breaches sweep; an empty string turns the schedule off. */
  sweepCron: string;
}

export default {
  default: { sweepCron: '* * * * *' } satisfies SlaConfig,
  validator() {},
};
