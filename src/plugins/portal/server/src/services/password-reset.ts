import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { fieldValidationError } from '../../../../../access/field-errors';
import { PORTAL_ROLES } from '../../../../../bootstrap/portal-roles';
import { isPostgres, timestampType } from '../../../../../utils/dialect';
import { rawRows } from '../../../../../utils/raw-rows';
import { getOutbox } from '../../../../../utils/services';
import type { NotificationsConfig } from '../../../../notifications/server/src/config';
import type { PortalConfig } from '../config';
import { normalizeEmail, withinResetLimits } from '../rules/password-reset';
import { portalLinks } from '../../../../../utils/portal-links';
import { parseLanguage } from '../rules/account';

const USER = 'plugin::users-permissions.user';
/**
 * Forgotten-password requests: the rate limits' history, and the queue of admitted requests that a worker
 * handles after the answer. Shared by every instance on the database.
 */
export const RESET_REQUESTS_TABLE = 'portal_reset_requests';
/** Rows older than this serve no limit any more, and a request not handled by then is dropped. */
const KEEP_MS = 24 * 3_600_000;
/** How long a claimed request is left to the instance that claimed it before another may take it. */
const LEASE_MS = 60_000;
/** The pass that handles what the after-answer kick missed (an instance stopped meanwhile). */
const PASS_MS = 5_000;
const BATCH = 20;

interface UserRow {
  id: number;
  email: string;
  username: string;
  language: string | null;
  organization: { language: string | null } | null;
}

/**
 * Forgotten passwords of portal users: the same random code users-permissions makes, stored on the user
 * where its reset-password endpoint looks for it, and sent by the notifications outbox in the user's
 * language. The answer never says whether the address belongs to anyone, nor takes longer when it does:
 * it only records the request (the same statements for any address), and the lookup, the code and the
 * message come after it, from a queue that instances claim atomically, as the outbox does.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const limits = () => (strapi.config.get('plugin::portal') as PortalConfig).passwordReset;
  const publicUrl = () => (strapi.config.get('plugin::notifications') as NotificationsConfig).publicUrl;
  const table = (trx: Knex.Transaction) => strapi.db.connection(RESET_REQUESTS_TABLE).transacting(trx);
  let pass: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  /** Counts the window's earlier requests for this address and from this IP, then records this one. */
  const admit = async (trx: Knex.Transaction, email: string, ip: string) => {
    const now = new Date();
    const since = new Date(now.getTime() - limits().windowMinutes * 60_000);
    const count = async (column: 'address' | 'ip', value: string) =>
      Number(((await table(trx).where(column, value).andWhere('requested_at', '>=', since).count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
    const seen = { byAddress: await count('address', email), byIp: await count('ip', ip) };
    const admitted = withinResetLimits(seen, limits());
    await table(trx).where('requested_at', '<', new Date(now.getTime() - KEEP_MS)).delete();
    await table(trx).insert({ address: email, ip, requested_at: now, admitted });
    return admitted;
  };

  const portalUser = async (email: string) =>
    (await strapi.db.query(USER).findOne({
      where: { email: { $eqi: email }, blocked: { $ne: true }, role: { type: { $in: Object.keys(PORTAL_ROLES) } } },
      select: ['id', 'email', 'username', 'language'],
      populate: { organization: { select: ['language'] } },
    })) as UserRow | null;

  /** Claims a batch of admitted, unhandled requests in one statement, with a lease: no two instances get one. */
  const claim = async (): Promise<Array<{ id: number; address: string }>> => {
    const now = new Date();
    const lock = isPostgres(strapi) ? 'FOR UPDATE SKIP LOCKED' : '';
    return rawRows<{ id: number; address: string }>(
      await strapi.db.connection.raw(
        `UPDATE ${RESET_REQUESTS_TABLE} SET lease_until = ?
         WHERE id IN (
           SELECT id FROM ${RESET_REQUESTS_TABLE}
           WHERE admitted = ? AND handled_at IS NULL AND (lease_until IS NULL OR lease_until < ?)
           ORDER BY id LIMIT ? ${lock})
         RETURNING id, address`,
        [new Date(now.getTime() + LEASE_MS), true, now, BATCH]
      )
    );
  };

  /** One request: the code and the message, and the request marked handled, in one transaction. */
  const handle = (request: { id: number; address: string }) =>
    strapi.db.transaction(async ({ trx }) => {
      const user = await portalUser(request.address);
      if (user) {
        // As users-permissions' own forgot-password does; a new request replaces the previous code.
        const code = randomBytes(64).toString('hex');
        await strapi.db.query(USER).update({ where: { id: user.id }, data: { resetPasswordToken: code } });
        const language = parseLanguage(user.language) ?? parseLanguage(user.organization?.language) ?? 'it';
        await getOutbox(strapi).enqueueAccount(
          'auth.password-reset',
          { address: user.email, name: user.username, language },
          { account: { email: user.email, username: user.username }, reset: { url: portalLinks(publicUrl()).resetPassword(code) } }
        );
      }
      await table(trx as Knex.Transaction).where({ id: request.id }).update({ handled_at: new Date() });
    });

  const service = {
    async ensureSchema() {
      const knex = strapi.db.connection;
      // The earlier table held the limits' history only (no queue): it is remade, losing at most a day of counts.
      if ((await knex.schema.hasTable(RESET_REQUESTS_TABLE)) && !(await knex.schema.hasColumn(RESET_REQUESTS_TABLE, 'admitted'))) {
        await knex.schema.dropTable(RESET_REQUESTS_TABLE);
      }
      const time = timestampType(strapi);
      const id = isPostgres(strapi) ? 'id bigserial PRIMARY KEY' : 'id integer PRIMARY KEY AUTOINCREMENT';
      await knex.raw(
        `CREATE TABLE IF NOT EXISTS ${RESET_REQUESTS_TABLE} (${id}, address varchar(320) NOT NULL, ip varchar(100) NOT NULL,
           requested_at ${time} NOT NULL, admitted boolean NOT NULL, handled_at ${time} NULL, lease_until ${time} NULL)`
      );
      await knex.raw(`CREATE INDEX IF NOT EXISTS ${RESET_REQUESTS_TABLE}_address_idx ON ${RESET_REQUESTS_TABLE} (address, requested_at)`);
      await knex.raw(`CREATE INDEX IF NOT EXISTS ${RESET_REQUESTS_TABLE}_ip_idx ON ${RESET_REQUESTS_TABLE} (ip, requested_at)`);
      await knex.raw(`CREATE INDEX IF NOT EXISTS ${RESET_REQUESTS_TABLE}_queue_idx ON ${RESET_REQUESTS_TABLE} (handled_at, admitted)`);
    },

    /**
     * Records a request for a reset link (400 naming `email` when it is not an address). Whether the address
     * is anyone's is decided after the answer (`handlePending`), unless the rate limits held the request.
     */
    async request(input: unknown, ip: string): Promise<void> {
      const email = normalizeEmail(input);
      if (!email) throw fieldValidationError('email', "email non è un indirizzo e-mail valido / email is not a valid e-mail address");
      await strapi.db.transaction(async ({ trx, onCommit }) => {
        if (!(await admit(trx as Knex.Transaction, email, ip))) strapi.log.info(`Password reset for ${email} from ${ip} held by the rate limit`);
        // After the answer's commit, whatever was admitted: the kick does not depend on the address either.
        onCommit(() => setImmediate(() => void service.handlePending()));
      });
    },

    /** Handles the admitted requests waiting: looks the address up, and for a portal user records the code and the e-mail. */
    handlePending(): Promise<void> {
      running ??= (async () => {
        try {
          for (let batch = await claim(); batch.length > 0; batch = await claim()) {
            for (const request of batch) await handle(request);
          }
        } catch (error) {
          strapi.log.warn(`Password reset requests: ${(error as Error).message}`);
        } finally {
          running = null;
        }
      })();
      return running;
    },

    start() {
      pass = setInterval(() => void service.handlePending(), PASS_MS);
      pass.unref();
    },

    async stop() {
      if (pass) clearInterval(pass);
      await running;
    },
  };
  return service;
};
