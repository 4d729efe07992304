import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CLOCK_TABLE } from '../../../../sla/server/src/services/clock';
import { rawRows } from '../../../../../utils/raw-rows';
import { joinTable, tableName } from '../../../../../utils/schema-metadata';
import { PERMISSIONS } from '../permissions';
import {
  adminName,
  CHANNELS,
  containsPattern,
  OPEN_STATES,
  pageCount,
  presentQueueClock,
  PRIORITIES,
  QUEUE_STATES,
  QUEUE_TABS,
  TICKET_STATES,
  toDate,
  type QueueRequest,
  type QueueTab,
} from '../rules/queue-rules';

const TICKET = 'api::ticket.ticket';
type Row = Record<string, unknown>;

/**
 * The operators' queue: one page of tickets with their running SLA clock, read with two statements (the page,
 * the tab counts). The page's order is decided in SQL (running clock's due, breached first, then reportedAt),
 * on the ids alone, before the few joins that dress the page's rows; operators see every organization.
 */
const queue = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const names = () => {
    const link = (attribute: string) => {
      const table = joinTable(strapi, TICKET, attribute);
      return { name: table.name, ticket: table.joinColumn.name, target: table.inverseJoinColumn.name };
    };
    return {
      organization: link('organization'),
      category: link('category'),
      requester: link('requester'),
      assignee: link('assignee'),
      organizations: tableName(strapi, 'api::organization.organization'),
      categories: tableName(strapi, 'api::category.category'),
      users: tableName(strapi, 'plugin::users-permissions.user'),
      admins: tableName(strapi, 'admin::user'),
    };
  };

  /** The running clock's due and warning instants, and its breached flag, as SQL expressions over `t` and `c`. */
  const running = (column: 'due_at' | 'warn_at' | 'breached') =>
    `CASE WHEN t.state = 'new' THEN c.take_charge_${column} WHEN t.state IN ('in_charge', 'suspended') THEN c.restore_${column} END`;
  const RUNNING_DUE = running('due_at');
  /** At risk or breached: the running clock passed its first warning, its due, or was marked breached. Paused clocks are not. */
  const atRisk = (now: Date): [string, Date[]] => [
    `(${RUNNING_DUE} IS NOT NULL AND (${running('breached')} OR ${running('warn_at')} <= ? OR ${RUNNING_DUE} <= ?))`,
    [now, now],
  ];
  const OPEN_LIST = OPEN_STATES.map((state) => `'${state}'`).join(', ');

  /** The tab's condition as SQL with its bindings. */
  function tabCondition(tab: QueueTab, userId: number, now: Date): [string, unknown[]] {
    const assignee = `al.${names().assignee.target}`;
    switch (tab) {
      case 'mine':
        return [`t.state IN (${OPEN_LIST}) AND ${assignee} = ?`, [userId]];
      case 'unassigned':
        return [`t.state IN (${OPEN_LIST}) AND ${assignee} IS NULL`, []];
      case 'open':
        return [`t.state IN (${OPEN_LIST})`, []];
      case 'risk': {
        const [sql, bindings] = atRisk(now);
        return [`t.state IN (${OPEN_LIST}) AND ${sql}`, bindings];
      }
      case 'restored':
        return [`t.state = 'restored'`, []];
    }
  }

  /** Tickets of the queue's states with the request's filters (not its tab), joined to what the tabs and filters need. */
  function filtered(request: QueueRequest): Knex.QueryBuilder {
    const n = names();
    const query = knex()(`tickets as t`)
      .leftJoin(`${CLOCK_TABLE} as c`, 'c.ticket_id', 't.id')
      .leftJoin(`${n.assignee.name} as al`, `al.${n.assignee.ticket}`, 't.id')
      .whereIn('t.state', QUEUE_STATES);
    if (request.state) query.where('t.state', request.state);
    if (request.priority) query.where('t.priority', request.priority);
    if (request.channel) query.where('t.channel', request.channel);
    if (request.organization) {
      query.whereExists(
        knex()(`${n.organization.name} as ol`)
          .join(`${n.organizations} as o`, 'o.id', `ol.${n.organization.target}`)
          .whereRaw(`ol.${n.organization.ticket} = t.id`)
          .where('o.document_id', request.organization)
      );
    }
    if (request.category) {
      query.whereExists(
        knex()(`${n.category.name} as cl`)
          .join(`${n.categories} as k`, 'k.id', `cl.${n.category.target}`)
          .whereRaw(`cl.${n.category.ticket} = t.id`)
          .where('k.document_id', request.category)
      );
    }
    if (request.q) {
      const pattern = containsPattern(request.q);
      const like = (column: string) => `LOWER(${column}) LIKE ? ESCAPE '\\'`;
      query.where((where) =>
        where
          .whereRaw(like('t.number'), [pattern])
          .orWhereRaw(like('t.title'), [pattern])
          .orWhereRaw(like('t.requester_name'), [pattern])
          .orWhereRaw(like('t.requester_email'), [pattern])
          .orWhereExists(
            knex()(`${n.requester.name} as rl`)
              .join(`${n.users} as ru`, 'ru.id', `rl.${n.requester.target}`)
              .whereRaw(`rl.${n.requester.ticket} = t.id`)
              .where((user) => user.whereRaw(like('ru.username'), [pattern]).orWhereRaw(like('ru.email'), [pattern]))
          )
      );
    }
    return query;
  }

  async function counts(request: QueueRequest, userId: number, now: Date): Promise<Record<QueueTab, number>> {
    const columns = QUEUE_TABS.map((tab) => {
      const [sql, bindings] = tabCondition(tab, userId, now);
      return knex().raw(`SUM(CASE WHEN ${sql} THEN 1 ELSE 0 END) AS "${tab}"`, bindings as Knex.RawBinding[]);
    });
    const row = ((await filtered(request).select(columns)) as Row[])[0] ?? {};
    return Object.fromEntries(QUEUE_TABS.map((tab) => [tab, Number(row[tab] ?? 0)])) as Record<QueueTab, number>;
  }

  /** The page's rows, dressed: the ids are chosen and ordered first, then joined to their names. */
  async function page(request: QueueRequest, userId: number, now: Date): Promise<Row[]> {
    const n = names();
    const [tabSql, tabBindings] = tabCondition(request.tab, userId, now);
    const ids = filtered(request)
      .whereRaw(tabSql, tabBindings as Knex.RawBinding[])
      .select('t.id', knex().raw(`${RUNNING_DUE} AS running_due`), 't.reported_at')
      .orderByRaw(`CASE WHEN ${RUNNING_DUE} IS NULL THEN 1 ELSE 0 END, ${RUNNING_DUE} ASC, t.reported_at ASC, t.id ASC`)
      .limit(request.pageSize)
      .offset((request.page - 1) * request.pageSize);
    const { sql, bindings } = ids.toSQL();
    const result = await knex().raw(
      `SELECT t.id, t.document_id, t.number, t.title, t.state, t.priority, t.kind, t.channel, t.reported_at,
              t.requester_name, t.requester_email, t.requester_phone,
              o.document_id AS organization_document_id, o.name AS organization_name,
              k.document_id AS category_document_id, k.name AS category_name,
              ru.document_id AS requester_document_id, ru.username AS requester_username, ru.email AS requester_user_email, ru.phone AS requester_user_phone,
              au.id AS assignee_id, au.firstname AS assignee_firstname, au.lastname AS assignee_lastname, au.username AS assignee_username, au.email AS assignee_email,
              c.take_charge_minutes, c.take_charge_due_at, c.take_charge_warn_at, c.take_charge_elapsed_minutes, c.take_charge_met, c.take_charge_breached,
              c.restore_minutes, c.restore_due_at, c.restore_warn_at, c.restore_elapsed_minutes, c.restore_met, c.restore_breached
       FROM (${sql}) p
       JOIN tickets t ON t.id = p.id
       LEFT JOIN ${CLOCK_TABLE} c ON c.ticket_id = t.id
       LEFT JOIN ${n.organization.name} ol ON ol.${n.organization.ticket} = t.id LEFT JOIN ${n.organizations} o ON o.id = ol.${n.organization.target}
       LEFT JOIN ${n.category.name} cl ON cl.${n.category.ticket} = t.id LEFT JOIN ${n.categories} k ON k.id = cl.${n.category.target}
       LEFT JOIN ${n.requester.name} rl ON rl.${n.requester.ticket} = t.id LEFT JOIN ${n.users} ru ON ru.id = rl.${n.requester.target}
       LEFT JOIN ${n.assignee.name} al ON al.${n.assignee.ticket} = t.id LEFT JOIN ${n.admins} au ON au.id = al.${n.assignee.target}
       ORDER BY CASE WHEN p.running_due IS NULL THEN 1 ELSE 0 END, p.running_due ASC, p.reported_at ASC, p.id ASC`,
      bindings as Knex.RawBinding[]
    );
    return rawRows<Row>(result);
  }

  function present(row: Row, now: Date) {
    const state = String(row.state);
    const prefix = state === 'new' ? 'take_charge' : 'restore';
    const text = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value));
    const requester = {
      documentId: text(row.requester_document_id),
      name: text(row.requester_name) ?? text(row.requester_username),
      email: text(row.requester_email) ?? text(row.requester_user_email),
      phone: text(row.requester_phone) ?? text(row.requester_user_phone),
    };
    return {
      documentId: String(row.document_id),
      number: text(row.number),
      title: String(row.title),
      state,
      priority: String(row.priority),
      kind: String(row.kind),
      channel: String(row.channel),
      reportedAt: toDate(row.reported_at)?.toISOString() ?? null,
      organization: row.organization_document_id ? { documentId: String(row.organization_document_id), name: String(row.organization_name) } : null,
      requester: Object.values(requester).some((value) => value !== null) ? requester : null,
      category: row.category_document_id ? { documentId: String(row.category_document_id), name: String(row.category_name) } : null,
      assignee:
        row.assignee_id == null
          ? null
          : { id: Number(row.assignee_id), name: adminName({ firstname: row.assignee_firstname, lastname: row.assignee_lastname, username: row.assignee_username, email: row.assignee_email }) },
      clock: presentQueueClock(
        state,
        row[`${prefix}_minutes`] == null
          ? null
          : {
              targetMinutes: row[`${prefix}_minutes`],
              dueAt: row[`${prefix}_due_at`],
              warnAt: row[`${prefix}_warn_at`],
              elapsedMinutes: row[`${prefix}_elapsed_minutes`],
              met: row[`${prefix}_met`],
              breached: row[`${prefix}_breached`],
            },
        now
      ),
    };
  }

  return {
    async list(request: QueueRequest, userId: number, now = new Date()) {
      const [rows, tabs] = await Promise.all([page(request, userId, now), counts(request, userId, now)]);
      const total = tabs[request.tab];
      return {
        data: rows.map((row) => present(row, now)),
        meta: {
          pagination: { page: request.page, pageSize: request.pageSize, pageCount: pageCount(total, request.pageSize), total },
          counts: tabs,
          serverTime: now.toISOString(),
        },
      };
    },

    /** What the queue's filters offer: organizations, categories, the enumerations, and who can be assigned. */
    async options() {
      const [organizations, categories, assignable] = await Promise.all([
        strapi.db.query('api::organization.organization').findMany({ select: ['documentId', 'name'], orderBy: { name: 'asc' } }) as Promise<Row[]>,
        strapi.db.query('api::category.category').findMany({ select: ['documentId', 'name'], orderBy: { name: 'asc' } }) as Promise<Row[]>,
        operators(),
      ]);
      return {
        organizations: organizations.map((org) => ({ documentId: String(org.documentId), name: String(org.name) })),
        categories: categories.map((category) => ({ documentId: String(category.documentId), name: String(category.name) })),
        priorities: [...PRIORITIES],
        channels: [...CHANNELS],
        states: [...TICKET_STATES],
        operators: assignable,
      };
    },

    operators,
  };

  /** Active admin users who may work tickets (a role with the console's work permission, or super admins); of `ids` when given. */
  async function operators(ids?: number[]) {
      const users = (await strapi.db.query('admin::user').findMany({
        where: {
          ...(ids ? { id: { $in: ids } } : {}),
          isActive: true,
          blocked: false,
          roles: { $or: [{ code: 'strapi-super-admin' }, { permissions: { action: PERMISSIONS.work } }] },
        },
        select: ['id', 'firstname', 'lastname', 'username', 'email'],
        orderBy: [{ firstname: 'asc' }, { lastname: 'asc' }, { id: 'asc' }],
      })) as Row[];
      return users.map((user) => ({ id: Number(user.id), name: adminName(user) }));
  }
};

export type QueueService = ReturnType<typeof queue>;
export default queue;
