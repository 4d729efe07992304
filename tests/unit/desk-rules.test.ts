import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { up as moveOutcomeToNote } from '../../database/migrations/2026.12.07T00.00.00.callback-outcome-note';
import { checkCallbackCompletion } from '../../src/plugins/notifications/server/src/rules/callback-rules';
import { romeDayBounds, romeToday } from '../../src/plugins/spoc-console/server/src/rules/phone-desk-rules';
import { assertFromCall } from '../../src/plugins/spoc-console/server/src/rules/registration-rules';
import { maintenanceActions, maintenanceTransition } from '../../src/plugins/spoc-console/server/src/rules/maintenance-rules';
import { boardPeriods, overallCompliance } from '../../src/plugins/spoc-console/server/src/rules/board-rules';
import { callDurationMs, callFate, maintenanceForm, overdueMs, romeDay, timerText } from '../../src/plugins/spoc-console/admin/src/rules/desk-rules';

const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { field?: string }).field;
  }
  return null;
};

describe('the phone desk rules', () => {
  it('bounds a Rome day by its midnights, 23 and 25 hours long on the days the clocks change', () => {
    expect(romeDayBounds('2026-12-07')).toEqual({ from: new Date('2026-12-06T23:00:00Z'), to: new Date('2026-12-07T23:00:00Z') });
    const spring = romeDayBounds('2026-03-29');
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);
    const autumn = romeDayBounds('2026-10-25');
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(25);
    for (const bad of ['ieri', '2026-13-01', '2026-02-30', '7/12/2026', '']) expect(fieldOf(() => romeDayBounds(bad)), bad).toBe('day');
    expect(romeToday(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
  });

  it("lets a call's ticket take channel and reportedAt from the call only", () => {
    expect(fieldOf(() => assertFromCall({ channel: 'phone' }))).toBeNull();
    expect(fieldOf(() => assertFromCall({}))).toBeNull();
    expect(fieldOf(() => assertFromCall({ channel: 'email' }))).toBe('channel');
    expect(fieldOf(() => assertFromCall({ channel: 'phone', reportedAt: '2026-12-07T09:00:00Z' }))).toBe('reportedAt');
    expect(fieldOf(() => assertFromCall({ reportedAtReason: 'tardi' }))).toBe('reportedAtReason');
  });
});

describe("a call-back's completion", () => {
  it('is one of three outcomes, with a note of at most 2,000 characters', () => {
    expect(checkCallbackCompletion({ outcome: 'reached', note: '  Informata  ' })).toEqual({ outcome: 'reached', note: 'Informata' });
    expect(checkCallbackCompletion({ outcome: 'message_left', note: '   ' })).toEqual({ outcome: 'message_left', note: null });
    expect(checkCallbackCompletion({ outcome: 'not_reached' })).toEqual({ outcome: 'not_reached', note: null });
    expect(fieldOf(() => checkCallbackCompletion({}))).toBe('outcome');
    expect(fieldOf(() => checkCallbackCompletion({ outcome: 'Informata la referente' }))).toBe('outcome');
    expect(fieldOf(() => checkCallbackCompletion({ outcome: 3 }))).toBe('outcome');
    expect(fieldOf(() => checkCallbackCompletion({ outcome: 'reached', note: 42 }))).toBe('note');
    expect(fieldOf(() => checkCallbackCompletion({ outcome: 'reached', note: 'x'.repeat(2001) }))).toBe('note');
  });

  it("of the previous release keeps its free text as the note (migration)", async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    try {
      await moveOutcomeToNote(knex); // a fresh database: no table, nothing to do
      await knex.schema.createTable('notif_callbacks', (table) => {
        table.increments('id');
        table.string('state');
        table.text('outcome');
      });
      await knex('notif_callbacks').insert({ state: 'done', outcome: 'Informata la dott.ssa Bianchi' });
      await moveOutcomeToNote(knex);
      expect(await knex('notif_callbacks').select('state', 'note')).toEqual([{ state: 'done', note: 'Informata la dott.ssa Bianchi' }]);
      expect(await knex.schema.hasColumn('notif_callbacks', 'outcome')).toBe(false);
      // Booting again (or a second instance) finds it done: the new enumeration column Strapi adds is left alone.
      await knex.schema.alterTable('notif_callbacks', (table) => table.string('outcome'));
      await moveOutcomeToNote(knex);
      expect(await knex.schema.hasColumn('notif_callbacks', 'note')).toBe(true);
      expect(await knex.schema.hasColumn('notif_callbacks', 'outcome')).toBe(true);
    } finally {
      await knex.destroy();
    }
  });
});

describe('the desks in the page', () => {
  it('shows a call timer as m:ss, h:mm:ss past an hour, never negative', () => {
    expect(timerText(0)).toBe('0:00');
    expect(timerText(65_400)).toBe('1:05');
    expect(timerText(3_725_000)).toBe('1:02:05');
    expect(timerText(-5000)).toBe('0:00');
    expect(callDurationMs({ startedAt: '2026-12-07T10:00:00Z', endedAt: null }, Date.parse('2026-12-07T10:01:30Z'))).toBe(90_000);
    expect(callDurationMs({ startedAt: '2026-12-07T10:00:00Z', endedAt: '2026-12-07T10:00:40Z' }, Date.parse('2026-12-07T11:00:00Z'))).toBe(40_000);
  });

  it('says what a call became, and how late a call-back is', () => {
    expect(callFate({ ticket: { number: 'HD-2026-000001' }, dismissedAt: null, operator: { id: 1 } })).toBe('ticket');
    expect(callFate({ ticket: null, dismissedAt: '2026-12-07T10:00:00Z', operator: { id: 1 } })).toBe('dismissed');
    expect(callFate({ ticket: null, dismissedAt: null, operator: { id: 1 } })).toBe('pending');
    expect(callFate({ ticket: null, dismissedAt: null, operator: null })).toBe('unanswered');
    expect(overdueMs('2026-12-07T10:00:00Z', Date.parse('2026-12-07T10:05:00Z'))).toBe(300_000);
    expect(overdueMs('2026-12-07T10:00:00Z', Date.parse('2026-12-07T09:55:00Z'))).toBe(0);
    expect(romeDay(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
  });
});

describe('the maintenance desk', () => {
  it('moves planned → in progress → completed, cancels before completion, and nothing after', () => {
    expect(maintenanceTransition('planned', 'start')).toBe('in_progress');
    expect(maintenanceTransition('in_progress', 'complete')).toBe('completed');
    expect(maintenanceTransition('planned', 'complete')).toBeNull();
    expect(maintenanceTransition('planned', 'cancel')).toBe('cancelled');
    expect(maintenanceTransition('in_progress', 'cancel')).toBe('cancelled');
    expect(maintenanceTransition('completed', 'cancel')).toBeNull();
    expect(maintenanceTransition('cancelled', 'start')).toBeNull();
    expect(maintenanceActions('planned')).toEqual(['start', 'cancel']);
    expect(maintenanceActions('in_progress')).toEqual(['complete', 'cancel']);
    expect(maintenanceActions('completed')).toEqual([]);
  });
});

describe("the maintenance form", () => {
  const local = (date: Date) => date.toISOString().slice(0, 16);
  it('starts a new activity tomorrow from 9 to 11, and shows an existing one as it is', () => {
    const now = new Date(2026, 11, 7, 15, 30);
    const blank = maintenanceForm(null, local, now);
    expect(blank).toMatchObject({ title: '', type: 'planned', organization: '', tickets: '' });
    expect(blank.scheduledStart).toBe(local(new Date(2026, 11, 8, 9, 0)));
    expect(blank.scheduledEnd).toBe(local(new Date(2026, 11, 8, 11, 0)));
    const form = maintenanceForm(
      { title: 'RIS', type: 'corrective', organization: { documentId: 'org1' }, scheduledStart: '2026-12-08T08:00:00.000Z', scheduledEnd: null, affectedServices: null, description: 'x', tickets: [{ number: 'HD-2026-000001' }, { number: 'HD-2026-000002' }] },
      local
    );
    expect(form).toEqual({ title: 'RIS', type: 'corrective', organization: 'org1', scheduledStart: '2026-12-08T08:00', scheduledEnd: '', affectedServices: '', description: 'x', tickets: 'HD-2026-000001, HD-2026-000002' });
  });
});

describe("the supervisors' board", () => {
  it('sums the compliance of every priority as the report counts one: met over decided', () => {
    expect(overallCompliance([{ within: 9, failed: 1, pending: 3 }, { within: 1, failed: 1, pending: 0 }], 95)).toEqual({ within: 10, failed: 2, pending: 3, sharePercent: 83.33, threshold: 95, meetsThreshold: false });
    expect(overallCompliance([{ within: 0, failed: 0, pending: 4 }], 95)).toMatchObject({ sharePercent: null, meetsThreshold: null });
    expect(overallCompliance([{ within: 19, failed: 1, pending: 0 }], 95)).toMatchObject({ sharePercent: 95, meetsThreshold: true });
  });

  it("takes today and this month's whole calendar month, leap years included", () => {
    expect(boardPeriods('2026-12-07')).toEqual({ day: { from: '2026-12-07', to: '2026-12-07' }, month: { from: '2026-12-01', to: '2026-12-31' } });
    expect(boardPeriods('2028-02-10').month).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(boardPeriods('2026-02-10').month.to).toBe('2026-02-28');
  });
});
