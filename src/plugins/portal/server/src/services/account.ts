import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../../access/field-errors';
import { PORTAL_ROLES } from '../../../../../bootstrap/portal-roles';
import { parseLanguage, portalRoleName, type Language, type PortalRoleName } from '../rules/account';

const USER = 'plugin::users-permissions.user';

export interface PortalAccount {
  id: number;
  username: string;
  email: string;
  language: Language;
  role: PortalRoleName;
  organization: { id: number; documentId: string; name: string; code: string };
}

interface UserRow {
  id: number;
  username: string;
  email: string;
  language: Language | null;
  blocked: boolean | null;
  role: { type: string } | null;
  organization: { id: number; documentId: string; name: string; code: string; language: Language | null } | null;
}

/** The portal user's own account: who they are, their role and organization, their language. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const load = async (userId: number) =>
    (await strapi.db.query(USER).findOne({
      where: { id: userId },
      select: ['id', 'username', 'email', 'language', 'blocked'],
      populate: { role: { select: ['type'] }, organization: { select: ['id', 'documentId', 'name', 'code', 'language'] } },
    })) as UserRow | null;

  const service = {
    /** The account of a Staff or Referente user with an organization; anyone else is refused (403). */
    async get(userId: number): Promise<PortalAccount> {
      const user = await load(userId);
      const role = portalRoleName(user?.role?.type, PORTAL_ROLES);
      if (!user || !role) throw new errors.ForbiddenError("Il portale è riservato ai ruoli Staff e Referente / The portal is for the Staff and Referente roles only");
      if (!user.organization) throw new errors.ForbiddenError("L'account non appartiene a nessuna organizzazione / Your account is not attached to an organization");
      const { language: organizationLanguage, ...organization } = user.organization;
      return {
        id: user.id,
        username: user.username,
        email: user.email,
        // The user's own choice, else the organization's: the same rule the e-mails follow.
        language: user.language ?? organizationLanguage ?? 'it',
        role,
        organization,
      };
    },

    async setLanguage(userId: number, value: unknown): Promise<PortalAccount> {
      const language = parseLanguage(value);
      if (!language) throw fieldValidationError('language', "language deve essere 'it' o 'en' / language must be 'it' or 'en'");
      await service.get(userId);
      await strapi.db.query(USER).update({ where: { id: userId }, data: { language } });
      return service.get(userId);
    },
  };
  return service;
};


