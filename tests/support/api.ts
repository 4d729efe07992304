/** What integration test files use: the file's own backends (file-backends.ts) and their logged-in clients. */
import { Api } from './http';
import { startInstance, type Backend, type DatabaseTarget } from './instances';
import { fileEnv } from './file-backends';

export { Api, DEMO, DEMO_PASSWORD } from './http';
export { backendNames, backends, mailDir, smtpPort, uploadsDir } from './file-backends';

/**
 * Another Strapi on a test database, sending its mail to the file's SMTP sink and keeping attachments in the
 * file's store, like the file's instances. One
 * started without it claimed other tests' outbox messages, failed them against port 25 and put them off by
 * the retry delay (30 s and more): the tests waiting for them timed out (issue 13).
 */
export function startTestInstance(db: DatabaseTarget, extraEnv: Record<string, string> = {}, execArgv: string[] = []) {
  return startInstance(db, { ...fileEnv(), ...extraEnv }, execArgv);
}

export interface Actors {
  tool: Api;
  staff: Api;
  referent: Api;
  otherStaff: Api;
  admin: Api;
  supervisor: Api;
  operator: Api;
  anonymous: Api;
  /** `quiet` has no notification address: its tickets, opened without a requester e-mail, send no mail, so their timelines hold only what a test does. */
  organizations: Record<'azienda' | 'ulss' | 'quiet', { id: number; documentId: string }>;
}

const actorsCache = new Map<string, Promise<Actors>>();

/** Clients for the demo accounts of one backend (or another instance on its database), on the shared sessions. */
export function actors(backend: Backend, baseUrl = backend.url): Promise<Actors> {
  if (!actorsCache.has(baseUrl)) {
    actorsCache.set(
      baseUrl,
      (async () => {
        const as = (token: string) => new Api(baseUrl, token);
        const s = backend.sessions;
        const tool = as(s.tool);
        const orgs = await tool.get('/api/organizations?sort=code');
        const byCode = (code: string) => orgs.body.data.find((org: { code: string }) => org.code === code);
        const quiet = byCode('QUIET') ?? (await quietOrganization(tool));
        return {
          tool,
          staff: as(s.staff),
          referent: as(s.referent),
          otherStaff: as(s.otherStaff),
          admin: as(s.admin),
          supervisor: as(s.supervisor),
          operator: as(s.operator),
          anonymous: new Api(baseUrl),
          organizations: { azienda: byCode('AZERO'), ulss: byCode('AULSS6'), quiet },
        };
      })()
    );
  }
  return actorsCache.get(baseUrl)!;
}

async function quietOrganization(tool: Api) {
  const res = await tool.post('/api/organizations', { data: { name: 'Ente di prova senza notifiche', code: 'QUIET' } });
  if (res.status !== 201) throw new Error(`organization creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: number; documentId: string };
}

/** Registers a ticket through the API-token channel, as a phone console would. */
export async function createTicket(tool: Api, organization: string, data: Record<string, unknown> = {}) {
  const res = await tool.post('/api/tickets', {
    data: { title: 'Postazione bloccata', kind: 'incident', priority: 'P3', channel: 'phone', organization, ...data },
  });
  if (res.status !== 201) throw new Error(`ticket creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  // Fields vary per test; any keeps the assertions short.
  return res.body.data as { id: number; documentId: string; number: string; state: string } & Record<string, any>;
}

/** The subject of a ticket's message: the signed reference tag `[HD-2026-000123/3f9a0c1b2e]`, then the template's subject. */
export function ticketSubject(number: string, rest: string, { whole = true } = {}): RegExp {
  const pattern = `\\[${number}/[0-9a-f]{10}\\] ${rest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
  // `whole: false` finds it inside a longer text (a labelled line in a page).
  return new RegExp(whole ? `^${pattern}$` : pattern);
}
