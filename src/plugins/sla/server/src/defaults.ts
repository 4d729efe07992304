/** The calendars and the default policy every new installation starts with (issue: all editable). */
const WEEKDAY_HOURS: Array<[string, string]> = [['08:30', '17:30']];

export const DEFAULT_CALENDARS = [
  { code: 'H24', name: 'H24', timeZone: 'Europe/Rome', alwaysOpen: true, italianHolidays: false },
  {
    code: 'ORARIO',
    name: 'Orario lavorativo',
    timeZone: 'Europe/Rome',
    alwaysOpen: false,
    italianHolidays: true,
    // Padova's patron, Saint Anthony: change it for another city.
    patronDay: '06-13',
    hours: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS },
    closedDates: [],
  },
];

/** The clause's 24x7 service: targets in minutes, on the H24 calendar. */
export const DEFAULT_POLICY = {
  name: 'Predefinita H24',
  isDefault: true,
  rank: 1000,
  p1TakeChargeMinutes: 30,
  p1RestoreMinutes: 4 * 60,
  p2TakeChargeMinutes: 60,
  p2RestoreMinutes: 8 * 60,
  p3TakeChargeMinutes: 4 * 60,
  p3RestoreMinutes: 24 * 60,
  p4TakeChargeMinutes: 8 * 60,
  p4RestoreMinutes: 72 * 60,
  warningFractions: [0.75, 0.9],
  complianceThreshold: 95,
  // Progress notices to the referent (issue 4 defaults); for P1 an operator phones too.
  p1ProgressMinutes: 120,
  p2ProgressMinutes: 480,
  p3ProgressMinutes: 1440,
  p4ProgressMinutes: 1440,
  phoneNoticePriorities: ['P1'],
};

/**
 * An example contract so that reports show penalties from the first day: replace every figure with the
 * awarded contract's. The 10% cap is the ceiling Italian procurement law sets on penalties.
 */
export const DEFAULT_CONTRACT = {
  contractValue: 500000,
  capShare: 0.1,
  complianceThreshold: 95,
  takeChargePenaltyPerHour: { P1: 200, P2: 100, P3: 50, P4: 20 },
  restorePenaltyPerHour: { P1: 500, P2: 250, P3: 100, P4: 50 },
  penaltyPerPointBelowThreshold: 1000,
};
