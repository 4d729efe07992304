import type { Core } from '@strapi/strapi';
import { isPostgres } from '../utils/dialect';
import { getLifecycleService } from '../utils/services';
import { SYSTEM_ACTOR } from '../api/ticket-event/actor';
import { ADMIN_ROLES } from './admin-roles';
import { portalHome } from './startup-banner';
import { DEMO_ACCOUNTS, demoPassword } from './demo-accounts';

/** A fixed lock key: two instances booting on one empty PostgreSQL must not both seed. */
const SEED_LOCK_KEY = 727_001;

/**
 * The demo of the README's first command: Azienda Zero with its referent, another organization, portal
 * users, SPOC admin users and a few tickets in different states, made through the same services as real
 * ones (numbers, timeline). Runs only on a database with no data at all.
 */
export async function seedDemo(strapi: Core.Strapi) {
  const enabled = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : process.env.NODE_ENV !== 'production';
  if (!enabled) return;
  const password = demoPassword();

  const seeded = await strapi.db.transaction(async ({ trx }) => {
    if (isPostgres(strapi)) await strapi.db.connection.raw('SELECT pg_advisory_xact_lock(?)', [SEED_LOCK_KEY]).transacting(trx);
    if (!(await isEmpty(strapi))) return false;
    await seed(strapi, password);
    return true;
  });
  if (seeded) printCredentials(strapi, password);
}

async function isEmpty(strapi: Core.Strapi) {
  const counts = await Promise.all([
    strapi.db.query('api::organization.organization').count({}),
    strapi.db.query('api::ticket.ticket').count({}),
    strapi.db.query('plugin::users-permissions.user').count({}),
    strapi.db.query('admin::user').count({}),
  ]);
  return counts.every((count) => Number(count) === 0);
}

async function seed(strapi: Core.Strapi, password: string) {
  const documents = strapi.documents;
  const azienda = await documents('api::organization.organization').create({
    data: {
      name: 'Azienda Zero',
      code: 'AZERO',
      referentName: 'Giulia Bianchi',
      referentEmail: DEMO_ACCOUNTS.referent,
      referentPhone: '+39 049 000 0000',
      notificationEmail: 'helpdesk-notifiche@azero.veneto.it',
      emailDomains: 'azero.veneto.it',
    },
  });
  const ulss = await documents('api::organization.organization').create({
    data: {
      name: 'Azienda ULSS 6 Euganea',
      code: 'AULSS6',
      referentName: 'Paolo Neri',
      referentEmail: 'paolo.neri@aulss6.veneto.it',
      notificationEmail: 'sistemi-informativi@aulss6.veneto.it',
      emailDomains: 'aulss6.veneto.it',
    },
  });

  const categories: Record<string, { id: number | string }> = {};
  for (const [code, name] of [
    ['ANAG', 'Anagrafe sanitaria'],
    ['CUP', 'Prenotazioni (CUP)'],
    ['RETE', 'Rete e connettività'],
    ['POSTA', 'Posta elettronica'],
    ['PDL', 'Postazione di lavoro'],
    ['ALTRO', 'Altro'],
  ]) {
    categories[code] = await documents('api::category.category').create({ data: { code, name } });
  }

  const roles = await strapi.db.query('plugin::users-permissions.role').findMany({ where: { type: { $in: ['staff', 'referente'] } } });
  const roleId = (type: string) => roles.find((role: { type: string }) => role.type === type)?.id;
  const portalUser = (email: string, username: string, role: string, organization: number | string) =>
    strapi.plugin('users-permissions').service('user').add({
      email,
      username,
      password,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: roleId(role),
      organization,
    });
  const mario = await portalUser(DEMO_ACCOUNTS.staff, 'mario.rossi', 'staff', azienda.id);
  await portalUser(DEMO_ACCOUNTS.referent, 'giulia.bianchi', 'referente', azienda.id);
  await portalUser(DEMO_ACCOUNTS.otherStaff, 'luca.verdi', 'staff', ulss.id);

  const adminRoles = strapi.service('admin::role');
  const superAdmin = await adminRoles.getSuperAdmin();
  const supervisorRole = await adminRoles.findOne({ name: ADMIN_ROLES.supervisor.name });
  const operatorRole = await adminRoles.findOne({ name: ADMIN_ROLES.operator.name });
  const adminUser = (email: string, firstname: string, lastname: string, role: number) =>
    strapi.service('admin::user').create({
      email,
      firstname,
      lastname,
      password,
      isActive: true,
      registrationToken: null,
      roles: [role],
      // The SPOC works in Italian; each operator can switch to English in the profile.
      preferedLanguage: 'it',
    });
  await adminUser(DEMO_ACCOUNTS.admin, 'Amministratore', 'SPOC', superAdmin.id);
  await adminUser(DEMO_ACCOUNTS.supervisor, 'Sara', 'Supervisore', supervisorRole.id);
  const operator = await adminUser(DEMO_ACCOUNTS.operator, 'Oscar', 'Operatore', operatorRole.id);

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const ticket = (data: Record<string, unknown>) =>
    documents('api::ticket.ticket').create({ data: { organization: azienda.id, ...data } as never });
  const lifecycle = getLifecycleService(strapi);
  const operatorActor = { type: 'admin' as const, id: String(operator.id), name: 'Oscar Operatore' };

  await ticket({
    title: 'Impossibile accedere al CUP dalla postazione 12',
    description: "Dalle 8:15 la postazione dello sportello 12 non apre l'applicativo CUP: errore di autenticazione.",
    kind: 'incident',
    priority: 'P2',
    channel: 'phone',
    category: categories.CUP.id,
    requesterName: 'Anna Conti',
    requesterPhone: '+39 049 111 2222',
    reportedAt: minutesAgo(20),
  });
  const inCharge = await ticket({
    title: 'Richiesta nuova casella di posta per il servizio Farmaceutica',
    kind: 'request',
    priority: 'P4',
    channel: 'portal',
    category: categories.POSTA.id,
    requester: mario.id,
  });
  await lifecycle.perform(inCharge.documentId, 'take-charge', { assigneeId: operator.id }, operatorActor);
  const suspended = await ticket({
    title: 'Stampante di rete del reparto non raggiungibile',
    kind: 'incident',
    priority: 'P3',
    channel: 'email',
    category: categories.RETE.id,
    requesterEmail: DEMO_ACCOUNTS.staff,
    reportedAt: minutesAgo(90),
  });
  await lifecycle.perform(suspended.documentId, 'take-charge', {}, operatorActor);
  await lifecycle.perform(suspended.documentId, 'suspend', { reason: "In attesa dell'accesso al locale tecnico da parte dell'Amministrazione" }, operatorActor);
  const closed = await ticket({
    title: "Errore nell'anagrafe sanitaria: assistito duplicato",
    kind: 'incident',
    priority: 'P1',
    channel: 'phone',
    category: categories.ANAG.id,
    requester: mario.id,
    reportedAt: minutesAgo(300),
  });
  await lifecycle.perform(closed.documentId, 'take-charge', {}, operatorActor);
  await lifecycle.perform(closed.documentId, 'restore', { resolution: "Unificate le due posizioni dell'assistito e ricostruito l'indice anagrafico." }, operatorActor);
  await lifecycle.perform(closed.documentId, 'close', {}, SYSTEM_ACTOR);
  await documents('api::ticket.ticket').create({
    data: { organization: ulss.id, title: 'VPN non disponibile', kind: 'incident', priority: 'P2', channel: 'api' } as never,
  });

  for (const reply of DEMO_CANNED_REPLIES) await documents('plugin::spoc-console.canned-reply').create({ data: reply as never });

  await documents('api::maintenance-log.maintenance-log').create({
    data: {
      title: 'Aggiornamento del server applicativo CUP',
      type: 'planned',
      state: 'planned',
      organization: azienda.id,
      scheduledStart: new Date(Date.now() + 3 * 24 * 3600_000),
      scheduledEnd: new Date(Date.now() + 3 * 24 * 3600_000 + 2 * 3600_000),
      affectedServices: 'CUP, Prenotazioni online',
    } as never,
  });
}

/** The console's first canned replies, with the placeholders of the follow-up e-mail. */
const DEMO_CANNED_REPLIES = [
  {
    title: 'Presa in carico',
    language: 'it',
    body: 'Gentile {{requester.name}},\n\nla richiesta {{ticket.number}} «{{ticket.title}}» è stata presa in carico dal servizio SPOC. La aggiorneremo appena possibile.',
  },
  {
    title: 'Richiesta di informazioni',
    language: 'it',
    body: 'Gentile {{requester.name}},\n\nper proseguire con la richiesta {{ticket.number}} ci servono alcune informazioni: può indicarci il nome della postazione e l\'orario in cui si è verificato il problema?',
  },
  {
    title: 'Request taken in charge',
    language: 'en',
    body: 'Dear {{requester.name}},\n\nyour request {{ticket.number}} "{{ticket.title}}" has been taken in charge by the SPOC service. We will update you as soon as possible.',
  },
];

function printCredentials(strapi: Core.Strapi, password: string) {
  const adminUrl = strapi.config.get<string>('admin.absoluteUrl');
  const portalUrl = portalHome(strapi);
  strapi.log.info(
    [
      'SPOC Desk demo data created. Demo accounts (password: ' + password + '):',
      `  admin panel ${adminUrl} : ${DEMO_ACCOUNTS.admin} (super admin), ${DEMO_ACCOUNTS.supervisor} (SPOC Supervisor), ${DEMO_ACCOUNTS.operator} (SPOC Operator)`,
      `  portal ${portalUrl} (and REST) : ${DEMO_ACCOUNTS.staff} (Staff, Azienda Zero), ${DEMO_ACCOUNTS.referent} (Referente, Azienda Zero), ${DEMO_ACCOUNTS.otherStaff} (Staff, ULSS 6)`,
    ].join('\n')
  );
}
