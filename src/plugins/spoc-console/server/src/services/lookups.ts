import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../../access/field-errors';
import { PRIORITIES, type Priority } from '../../../../sla/server/src/rules/clock-state';
import { choosePolicy } from '../../../../sla/server/src/rules/policy-match';
import { getSlaClock } from '../../../../../utils/services';
import { categoryId } from './workspace';

const ORGANIZATION = 'api::organization.organization';
const USER = 'plugin::users-permissions.user';
const PICKER_SIZE = 20;

/** The small reads of the registration form: the organization's people, the targets a priority implies. */
const lookups = ({ strapi }: { strapi: Core.Strapi }) => {
  const organizationId = async (documentId: string, onMissing: 'notFound' | 'badField') => {
    const organization = (await strapi.db.query(ORGANIZATION).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
    if (organization) return organization.id;
    if (onMissing === 'notFound') throw new errors.NotFoundError('Organization not found');
    throw fieldValidationError('organization', 'organization: no such organization');
  };

  return {
    /** Active portal users of an organization, matching `q` in name, e-mail or phone. */
    async requesters(organizationDocumentId: string, q: string | undefined) {
      const id = await organizationId(organizationDocumentId, 'notFound');
      const text = q?.trim();
      const users = (await strapi.db.query(USER).findMany({
        where: {
          organization: { id },
          blocked: false,
          ...(text ? { $or: ['username', 'email', 'phone'].map((field) => ({ [field]: { $containsi: text } })) } : {}),
        },
        select: ['documentId', 'username', 'email', 'phone'],
        orderBy: { username: 'asc' },
        limit: PICKER_SIZE,
      })) as Array<{ documentId: string; username: string; email: string; phone: string | null }>;
      return users.map((user) => ({ documentId: user.documentId, name: user.username, email: user.email, phone: user.phone ?? null }));
    },

    /** The policy that would apply to a ticket of this organization, category and kind, and its targets per priority. */
    async slaTargets(query: { priority?: Priority; kind?: string; organization?: string; category?: string }) {
      const facts = {
        organizationId: query.organization ? await organizationId(query.organization, 'badField') : null,
        categoryId: query.category ? await categoryId(strapi, query.category) : null,
        kind: query.kind ?? 'incident',
      };
      const policy = choosePolicy(await getSlaClock(strapi).policies(), facts);
      if (!policy) return { policy: null, calendar: null, targets: [] };
      const priorities = query.priority ? [query.priority] : [...PRIORITIES];
      return {
        policy: policy.name,
        calendar: { name: policy.calendar.name, alwaysOpen: policy.calendar.spec.alwaysOpen },
        targets: priorities.map((priority) => ({ priority, ...policy.targets[priority] })),
      };
    },
  };
};

export type LookupsService = ReturnType<typeof lookups>;
export default lookups;
