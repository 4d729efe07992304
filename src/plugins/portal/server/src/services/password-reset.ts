import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { fieldValidationError } from '../../../../../access/field-errors';
import { PORTAL_ROLES } from '../../../../../bootstrap/portal-roles';
import { timestampType } from '../../../../../utils/dialect';
import { getOutbox } from '../../../../../utils/services';
import type { NotificationsConfig } from '../../../../notifications/server/src/config';
import type { PortalConfig } from '../config';
import { normalizeEmail, resetLink, withinResetLimits } from '../rules/password-reset';
import { parseLanguage } from '../rules/account';

const USER = 'plugin::users-permissions.user';
/** Recent forgotten-password requests, for the rate limits: shared by every instance on the database. */
export const RESET_REQUESTS_TABLE = 'portal_reset_requests';
/** Rows older than this serve no limit any more. */
const KEEP_MS = 24 * 3_600_000;

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
 * language. The answer never says whether the address belongs to anyone.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const limits = () => (strapi.config.get('plugin::portal') as PortalConfig).passwordReset;
  const publicUrl = () => (strapi.config.get('plugin::notifications') as NotificationsConfig).publicUrl;
  const table = (trx: Knex.Transaction) => strapi.db.connection(RESET_REQUESTS_TABLE).transacting(trx);

  /** Counts the window's earlier requests for this address and from this IP, then records this one. */
  const admit = async (trx: Knex.Transaction, email: string, ip: string) => {
    const now = new Date();
    const since = new Date(now.getTime() - limits().windowMinutes * 60_000);
    const count = async (column: 'address' | 'ip', value: string) =>
      Number(((await table(trx).where(column, value).andWhere('requested_at', '>=', since).count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
    const seen = { byAddress: await count('address', email), byIp: await count('ip', ip) };
    await table(trx).where('requested_at', '<', new Date(now.getTime() - KEEP_MS)).delete();
    await table(trx).insert({ address: email, ip, requested_at: now });
    return withinResetLimits(seen, limits());
  };

  const portalUser = async (email: string) =>
    (await strapi.db.query(USER).findOne({
      where: { email: { $eqi: email }, blocked: { $ne: true }, role: { type: { $in: Object.keys(PORTAL_ROLES) } } },
      select: ['id', 'email', 'username', 'language'],
      populate: { organization: { select: ['language'] } },
    })) as UserRow | null;

  return {
    async ensureSchema() {
      const time = timestampType(strapi);
      await strapi.db.connection.raw(`CREATE TABLE IF NOT EXISTS ${RESET_REQUESTS_TABLE} (address varchar(320) NOT NULL, ip varchar(100) NOT NULL, requested_at ${time} NOT NULL)`);
      await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ${RESET_REQUESTS_TABLE}_address_idx ON ${RESET_REQUESTS_TABLE} (address, requested_at)`);
      await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ${RESET_REQUESTS_TABLE}_ip_idx ON ${RESET_REQUESTS_TABLE} (ip, requested_at)`);
    },

    /** Sends a reset link to a Staff or Referente user of that address, unless held by the rate limits. Returns whether a message was recorded. */
    async request(input: unknown, ip: string): Promise<boolean> {
      const email = normalizeEmail(input);
      if (!email) throw fieldValidationError('email', "email non è un indirizzo e-mail valido / email is not a valid e-mail address");
      return strapi.db.transaction(async ({ trx }) => {
        if (!(await admit(trx as Knex.Transaction, email, ip))) {
          strapi.log.info(`Password reset for ${email} from ${ip} held by the rate limit`);
          return false;
        }
        const user = await portalUser(email);
        if (!user) return false;
        // As users-permissions' own forgot-password does; a new request replaces the previous code.
        const code = randomBytes(64).toString('hex');
        await strapi.db.query(USER).update({ where: { id: user.id }, data: { resetPasswordToken: code } });
        const language = parseLanguage(user.language) ?? parseLanguage(user.organization?.language) ?? 'it';
        const sent = await getOutbox(strapi).enqueueAccount(
          'auth.password-reset',
          { address: user.email, name: user.username, language },
          { account: { email: user.email, username: user.username }, reset: { url: resetLink(publicUrl(), code) } }
        );
        return sent > 0;
      });
    },
  };
};
