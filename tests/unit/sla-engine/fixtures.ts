import type { CalendarSpec } from '../../../src/plugins/sla/engine';

/** Public-office hours in Rome: Monday-Friday 09:00-13:00 and 14:00-18:00 (480 minutes), national holidays closed. */
export const OFFICE: CalendarSpec = {
  timeZone: 'Europe/Rome',
  italianHolidays: true,
  hours: {
    mon: [['09:00', '13:00'], ['14:00', '18:00']],
    tue: [['09:00', '13:00'], ['14:00', '18:00']],
    wed: [['09:00', '13:00'], ['14:00', '18:00']],
    thu: [['09:00', '13:00'], ['14:00', '18:00']],
    fri: [['09:00', '13:00'], ['14:00', '18:00']],
  },
};

export const utc = (iso: string): Date => new Date(iso);
