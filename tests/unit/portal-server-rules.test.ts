import { describe, expect, it } from 'vitest';
import { byMaintenanceState, monthsOf, overlapsPeriod, periodProblem } from '../../src/plugins/portal/server/src/rules/activity';
import { parseLanguage, portalRoleName } from '../../src/plugins/portal/server/src/rules/account';
import { normalizeEmail, withinResetLimits } from '../../src/plugins/portal/server/src/rules/password-reset';
import { PORTAL_ROLES } from '../../src/bootstrap/portal-roles';
import { plainPageRequest } from '../../src/access/page-request';

describe('portal account rules', () => {
  it('admits the Staff and Referente roles only', () => {
    expect(portalRoleName('staff', PORTAL_ROLES)).toBe('Staff');
    expect(portalRoleName('referente', PORTAL_ROLES)).toBe('Referente');
    expect(portalRoleName('authenticated', PORTAL_ROLES)).toBeNull();
    expect(portalRoleName('public', PORTAL_ROLES)).toBeNull();
    expect(portalRoleName(undefined, PORTAL_ROLES)).toBeNull();
    // An inherited property is not a role.
    expect(portalRoleName('toString', PORTAL_ROLES)).toBeNull();
  });

  it('takes Italian and English only', () => {
    expect(parseLanguage('it')).toBe('it');
    expect(parseLanguage('en')).toBe('en');
    for (const value of ['IT', 'de', '', null, undefined, 1]) expect(parseLanguage(value)).toBeNull();
  });
});

describe('forgotten password rules', () => {
  it('reads an e-mail address as typed, or refuses it', () => {
    expect(normalizeEmail('  Mario.Rossi@AZero.Veneto.it ')).toBe('mario.rossi@azero.veneto.it');
    for (const value of ['mario', 'mario@', '@azero.it', 'mario@azero', 'ma rio@azero.it', 'mario@azero..it', '', 42, null, `${'a'.repeat(320)}@x.it`]) {
      expect(normalizeEmail(value), String(value)).toBeNull();
    }
  });

  it('holds a request once either limit is reached', () => {
    const limits = { perAddress: 3, perIp: 20, windowMinutes: 60 };
    expect(withinResetLimits({ byAddress: 2, byIp: 19 }, limits)).toBe(true);
    expect(withinResetLimits({ byAddress: 3, byIp: 0 }, limits)).toBe(false);
    expect(withinResetLimits({ byAddress: 0, byIp: 20 }, limits)).toBe(false);
  });
});

describe('activity report rules', () => {
  it('names the wrong end of a period', () => {
    expect(periodProblem('2026-01-01', '2026-12-31')).toBeNull();
    expect(periodProblem('2028-01-01', '2028-12-31')).toBeNull();
    expect(periodProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(periodProblem('2026-02-30', '2026-03-01')?.field).toBe('from');
    expect(periodProblem(undefined, '2026-03-01')?.field).toBe('from');
    expect(periodProblem('2026-1-1', '2026-03-01')?.field).toBe('from');
    expect(periodProblem('2026-01-01', 'domani')?.field).toBe('to');
    expect(periodProblem('2026-03-02', '2026-03-01')?.field).toBe('to');
    // 367 days, both ends included.
    expect(periodProblem('2025-01-01', '2026-01-02')?.field).toBe('to');
    expect(periodProblem('2025-01-01', '2026-01-01')).toBeNull();
  });

  it('splits a period into its calendar months, clipped', () => {
    expect(monthsOf('2026-01-15', '2026-03-10')).toEqual([
      { month: '2026-01', from: '2026-01-15', to: '2026-01-31' },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-10' },
    ]);
    expect(monthsOf('2026-10-25', '2026-10-25')).toEqual([{ month: '2026-10', from: '2026-10-25', to: '2026-10-25' }]);
    expect(monthsOf('2025-12-31', '2026-01-01').map((m) => m.month)).toEqual(['2025-12', '2026-01']);
  });

  it('keeps the maintenance that overlaps the period', () => {
    const start = new Date('2026-03-01T00:00:00Z');
    const end = new Date('2026-04-01T00:00:00Z');
    const log = (state: string, dates: Partial<Record<'scheduledStart' | 'scheduledEnd' | 'actualStart' | 'actualEnd', string>>) => ({
      state,
      scheduledStart: null,
      scheduledEnd: null,
      actualStart: null,
      actualEnd: null,
      ...dates,
    });
    expect(overlapsPeriod(log('planned', { scheduledStart: '2026-03-10T08:00:00Z', scheduledEnd: '2026-03-10T10:00:00Z' }), start, end)).toBe(true);
    expect(overlapsPeriod(log('planned', { scheduledStart: '2026-04-01T00:00:00Z' }), start, end)).toBe(false);
    expect(overlapsPeriod(log('planned', { scheduledStart: '2026-02-01T00:00:00Z', scheduledEnd: '2026-02-02T00:00:00Z' }), start, end)).toBe(false);
    // Still in progress past its scheduled end: it goes on into the period.
    expect(overlapsPeriod(log('in_progress', { scheduledEnd: '2026-02-02T00:00:00Z', actualStart: '2026-02-01T00:00:00Z' }), start, end)).toBe(true);
    // The actual dates win over the schedule.
    expect(overlapsPeriod(log('completed', { scheduledStart: '2026-03-05T00:00:00Z', actualStart: '2026-02-01T00:00:00Z', actualEnd: '2026-02-02T00:00:00Z' }), start, end)).toBe(false);
    expect(overlapsPeriod(log('completed', { actualStart: '2026-02-28T22:00:00Z', actualEnd: '2026-03-01T01:00:00Z' }), start, end)).toBe(true);
    expect(overlapsPeriod(log('cancelled', { scheduledStart: '2026-03-10T08:00:00Z' }), start, end)).toBe(false);
    expect(overlapsPeriod(log('planned', {}), start, end)).toBe(true);
  });

  it('lists maintenance by state', () => {
    const groups = byMaintenanceState([{ state: 'planned' }, { state: 'completed' }, { state: 'in_progress' }, { state: 'planned' }]);
    expect(groups.planned).toHaveLength(2);
    expect(groups.inProgress).toHaveLength(1);
    expect(groups.completed).toHaveLength(1);
  });
});

describe('plain page requests', () => {
  const sortable = ['reportedAt', 'number'];
  it('recognises pagination by page with one sort and nothing that filters', () => {
    expect(plainPageRequest({ pagination: { page: '2', pageSize: '25' }, sort: 'reportedAt:desc' }, sortable)).toEqual({
      page: 2,
      pageSize: 25,
      sort: { field: 'reportedAt', direction: 'desc' },
      idDirection: 'asc',
    });
    // A narrowing parameter the scope rules name (the page applies their narrowing too).
    expect(plainPageRequest({ sort: 'number', mine: 'true', populate: '*' }, sortable, ['mine'])).toEqual({ page: 1, pageSize: 25, sort: { field: 'number', direction: 'asc' }, idDirection: 'asc' });
    // As the portal asks: the sort field, then id; fields and populate only shape the rows.
    expect(plainPageRequest({ sort: ['reportedAt:desc', 'id:desc'], fields: ['number'], populate: { category: { fields: ['name'] } }, pagination: { page: '1', pageSize: '25' } }, sortable)).toEqual({
      page: 1,
      pageSize: 25,
      sort: { field: 'reportedAt', direction: 'desc' },
      idDirection: 'desc',
    });
  });

  it("leaves everything else to Strapi's query", () => {
    for (const query of [
      { sort: 'reportedAt:desc', filters: { state: 'new' } },
      { sort: 'reportedAt:desc', _q: 'stampante' },
      { sort: 'title:desc' },
      { sort: 'reportedAt:desc,number' },
      {},
      { sort: 'reportedAt', pagination: { start: '0', limit: '10' } },
      { sort: 'reportedAt', pagination: { page: '0' } },
      { sort: 'reportedAt', pagination: { pageSize: '1000' } },
      { sort: 'reportedAt', mine: 'true' },
      { sort: ['reportedAt', 'number'] },
      { sort: ['reportedAt', 'id', 'number'] },
      { sort: ['id:desc'] },
    ]) {
      expect(plainPageRequest(query, sortable), JSON.stringify(query)).toBeNull();
    }
    // A narrowing parameter given twice is not one value: Strapi's query decides.
    expect(plainPageRequest({ sort: 'reportedAt', mine: ['true', 'false'] }, sortable, ['mine'])).toBeNull();
  });
});
