/**
 * Compliance and penalties from aggregated figures. Pure: no Strapi import, tested alone. The per-ticket
 * amounts (started hours of delay × hourly rate) come from SQL; this adds the points below threshold and
 * applies the cap.
 */
export type ClockName = 'takeCharge' | 'restore';

export interface Contract {
  contractValue: number;
  capShare: number;
  complianceThreshold: number;
  takeChargePenaltyPerHour: Record<string, number>;
  restorePenaltyPerHour: Record<string, number>;
  penaltyPerPointBelowThreshold: number;
}

export interface ClockCompliance {
  within: number;
  failed: number;
  pending: number;
  /** Share of decided clocks within target, in percent; null when none is decided yet. */
  sharePercent: number | null;
  threshold: number;
  meetsThreshold: boolean | null;
  pointsBelow: number;
  pointPenalty: number;
}

export function compliance(within: number, failed: number, pending: number, contract: Contract): ClockCompliance {
  const decided = within + failed;
  const share = decided === 0 ? null : (within / decided) * 100;
  const below = share === null ? 0 : Math.max(0, contract.complianceThreshold - share);
  // "Per percentage point below the threshold": every started point counts.
  const points = Math.ceil(Math.round(below * 1e6) / 1e6);
  return {
    within,
    failed,
    pending,
    sharePercent: share === null ? null : Math.round(share * 100) / 100,
    threshold: contract.complianceThreshold,
    meetsThreshold: share === null ? null : share >= contract.complianceThreshold,
    pointsBelow: points,
    pointPenalty: points * contract.penaltyPerPointBelowThreshold,
  };
}

export interface PenaltyTotals {
  delayPenalties: number;
  pointPenalties: number;
  beforeCap: number;
  cap: number;
  afterCap: number;
  capped: boolean;
}

export function penaltyTotals(delayPenalties: number, pointPenalties: number, contract: Contract): PenaltyTotals {
  const beforeCap = roundCents(delayPenalties + pointPenalties);
  const cap = roundCents(contract.contractValue * contract.capShare);
  return {
    delayPenalties: roundCents(delayPenalties),
    pointPenalties: roundCents(pointPenalties),
    beforeCap,
    cap,
    afterCap: Math.min(beforeCap, cap),
    capped: beforeCap > cap,
  };
}

export const roundCents = (amount: number) => Math.round(amount * 100) / 100;
