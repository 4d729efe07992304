import { describe, expect, it } from 'vitest';
import { compliance, penaltyTotals, type Contract } from '../../src/plugins/sla/server/src/rules/penalties';

const CONTRACT: Contract = {
  contractValue: 200000,
  capShare: 0.1,
  complianceThreshold: 95,
  takeChargePenaltyPerHour: {},
  restorePenaltyPerHour: {},
  penaltyPerPointBelowThreshold: 500,
};

describe('compliance against the threshold', () => {
  it('counts every started point below the threshold', () => {
    expect(compliance(94, 6, 3, CONTRACT)).toMatchObject({ sharePercent: 94, meetsThreshold: false, pointsBelow: 1, pointPenalty: 500 });
    expect(compliance(189, 11, 0, CONTRACT)).toMatchObject({ sharePercent: 94.5, pointsBelow: 1 });
    expect(compliance(90, 10, 0, CONTRACT)).toMatchObject({ sharePercent: 90, pointsBelow: 5, pointPenalty: 2500 });
  });

  it('charges nothing at or above the threshold, and judges nothing with no decided clock', () => {
    expect(compliance(95, 5, 0, CONTRACT)).toMatchObject({ sharePercent: 95, meetsThreshold: true, pointsBelow: 0, pointPenalty: 0 });
    expect(compliance(0, 0, 7, CONTRACT)).toMatchObject({ sharePercent: null, meetsThreshold: null, pointsBelow: 0, pending: 7 });
  });
});

describe('penalty totals', () => {
  it('applies the cap as a share of the contract value', () => {
    expect(penaltyTotals(15000.004, 10000, CONTRACT)).toEqual({ delayPenalties: 15000, pointPenalties: 10000, beforeCap: 25000, cap: 20000, afterCap: 20000, capped: true });
    expect(penaltyTotals(300, 0, CONTRACT)).toMatchObject({ beforeCap: 300, afterCap: 300, capped: false });
  });
});
