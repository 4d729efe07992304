import { describe, expect, it } from 'vitest';
import { chooseIdentity, type SenderCandidate } from '../../src/plugins/email-intake/server/src/rules/sender-identity';

const user: SenderCandidate = { source: 'user', userId: 7, name: 'mario.rossi', organizationId: 3 };
const contact: SenderCandidate = { source: 'contact', name: 'Mario Rossi', organizationId: 4 };
const domain = (organizationId: number, emailDomains: string | null): SenderCandidate => ({ source: 'domain', organizationId, emailDomains });

describe('chooseIdentity', () => {
  it('takes the portal user first, with their organization (or none)', () => {
    expect(chooseIdentity([domain(5, 'azero.it'), contact, user], 'mario@azero.it')).toEqual({ userId: 7, name: 'mario.rossi', organizationId: 3 });
    expect(chooseIdentity([{ ...user, organizationId: null }, contact], 'mario@azero.it')).toEqual({ userId: 7, name: 'mario.rossi', organizationId: null });
  });

  it('then the last correspondent, when their ticket has an organization', () => {
    expect(chooseIdentity([contact, domain(5, 'azero.it')], 'mario@azero.it')).toEqual({ userId: null, name: 'Mario Rossi', organizationId: 4 });
    expect(chooseIdentity([{ ...contact, organizationId: null }, domain(5, 'azero.it')], 'mario@azero.it')).toEqual({ userId: null, name: null, organizationId: 5 });
  });

  it('then an organization that lists the domain exactly, whatever the case and spaces', () => {
    expect(chooseIdentity([domain(5, 'old-azero.it, AZero.it ')], 'mario@azero.IT')).toEqual({ userId: null, name: null, organizationId: 5 });
    expect(chooseIdentity([domain(5, 'noazero.it'), domain(6, 'azero.it.example')], 'mario@azero.it')).toEqual({ userId: null, name: null, organizationId: null });
  });

  it('knows nobody from nothing', () => {
    expect(chooseIdentity([], 'mario@azero.it')).toEqual({ userId: null, name: null, organizationId: null });
  });

  it('has no domain to match for an address without one', () => {
    expect(chooseIdentity([domain(5, 'azero.it')], 'sconosciuto')).toEqual({ userId: null, name: null, organizationId: null });
  });
});
