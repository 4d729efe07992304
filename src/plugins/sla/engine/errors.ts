/** One problem found in a CalendarSpec; `field` is a path such as 'hours.mon[0][1]'. */
export interface CalendarSpecProblem {
  field: string;
  message: string;
}

/**
 * Thrown when a calendar cannot be used. Carries the field-level problems so an
 * HTTP layer can answer 400 naming each field instead of parsing the message.
 */
export class CalendarSpecError extends Error {
  readonly problems: CalendarSpecProblem[];

  constructor(problems: CalendarSpecProblem[]) {
    super(`Invalid SLA calendar: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'CalendarSpecError';
    this.problems = problems;
    // Keeps `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
