import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { adminName } from '../../../../../api/ticket-event/actor';
import { CLOCK_TABLE } from '../../../../sla/server/src/services/clock';
import { rawRows } from '../../../../../utils/raw-rows';
import { joinTable, tableName } from '../../../../../utils/schema-metadata';
import { PERMISSIONS } from '../permissions';
import {
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
/** A ticket as the page's Strapi query reads it. */
interface TicketRow {
  id: number;
  documentId: string;
  number: string | null;
  title: string;
  state: string;
  priority: string;
  kind: string;
  channel: string;
  reportedAt: string | Date | null;
  requesterName: string | null;
  requesterEmail: string | null;
  requesterPhone: string | null;
  organization?: { documentId: string; name: string } | null;
  category?: { documentId: string; name: string } | null;
  requester?: { documentId: string; username: string | null; email: string | null; phone: string | null } | null;
  assignee?: { id: number; firstname: string | null; lastname: string | null; username: string | null; email: string | null } | null;
}

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
    };
  };

  /**
   * The running clocks, one per kind: take charge for new tickets, restore for those in charge or suspended;
   * running while its elapsed minutes are not set. Their dues are walked in the order of partial indexes on
   * running clocks only (bootstrap's database-indexes.ts).
   */
  const RUNNING = [
    { states: ['new'], prefix: 'c.take_charge' },
    { states: ['in_charge', 'suspended'], prefix: 'c.restore' },
  ].map(({ states, prefix }) => ({ states, due: `${prefix}_due_at`, condition: `${prefix}_elapsed_minutes IS NULL AND ${prefix}_due_at IS NOT NULL`, prefix }));
  const inStates = (states: readonly string[]) => `t.state IN (${states.map((state) => `'${state}'`).join(', ')})`;
  /** Everything without a running due (paused, restored, a clock not computed yet) comes after the dues. */
  const WITHOUT_RUNNING_DUE = `NOT (${RUNNING.map((clock) => `(${inStates(clock.states)} AND ${clock.condition})`).join(' OR ')})`;
  /** A running clock at risk or breached: past its first warning or its due, or marked breached. Paused clocks are not. */
  const clockAtRisk = (clock: (typeof RUNNING)[number], now: Date): [string, Date[]] => [
    `${clock.condition} AND (${clock.prefix}_breached OR ${clock.prefix}_warn_at <= ? OR ${clock.due} <= ?)`,
    [now, now],
  ];

  interface Tab {
    states: readonly string[];
    /** Further SQL over `t`, `c` (clocks, always joined for a page) and `al` (assignee link), with its bindings. */
    condition?: [string, unknown[]];
    assignee?: boolean;
  }

  function tabOf(tab: QueueTab, userId: number, now: Date): Tab {
    const assignee = `al.${names().assignee.target}`;
    switch (tab) {
      case 'mine':
        return { states: OPEN_STATES, condition: [`${assignee} = ?`, [userId]], assignee: true };
      case 'unassigned':
        return { states: OPEN_STATES, condition: [`${assignee} IS NULL`, []], assignee: true };
      case 'open':
        return { states: OPEN_STATES };
      case 'risk': {
        const parts = RUNNING.map((clock) => clockAtRisk(clock, now));
        return {
          states: OPEN_STATES,
          condition: [RUNNING.map((clock, i) => `(${inStates(clock.states)} AND ${parts[i][0]})`).join(' OR '), parts.flatMap(([, bindings]) => bindings)],
        };
      }
      case 'restored':
        return { states: ['restored'] };
    }
  }

  /**
   * Tickets in `states` (and the request's state) with the request's filters, joined to the clocks and the
   * assignee link only when asked: one state condition and no needless join keep PostgreSQL's estimates right.
   */
  function filtered(request: QueueRequest, states: readonly string[], joins: { clocks?: boolean; assignee?: boolean } = {}): Knex.QueryBuilder {
    const n = names();
    const query = knex()(`tickets as t`);
    if (joins.clocks) query.leftJoin(`${CLOCK_TABLE} as c`, 'c.ticket_id', 't.id');
    if (joins.assignee) query.leftJoin(`${n.assignee.name} as al`, `al.${n.assignee.ticket}`, 't.id');
    const wanted = states.filter((state) => !request.state || state === request.state);
    if (wanted.length === 0) query.whereRaw('1 = 0');
    else query.whereIn('t.state', wanted);
    if (request.priority) query.where('t.priority', request.priority);
    if (request.channel) query.where('t.channel', request.channel);
    // A relation filter by the related row's documentId, through the link table.
    const linkedTo = (link: ReturnType<typeof names>['organization'], table: string, documentId: string) =>
      knex()(`${link.name} as l`).join(`${table} as r`, 'r.id', `l.${link.target}`).whereRaw(`l.${link.ticket} = t.id`).where('r.document_id', documentId);
    if (request.organization) query.whereExists(linkedTo(n.organization, n.organizations, request.organization));
    if (request.category) query.whereExists(linkedTo(n.category, n.categories, request.category));
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

  /** The tabs' counts: the states and assignees in one statement on the tickets, the running clocks at risk in one each. */
  async function counts(request: QueueRequest, userId: number, now: Date): Promise<Record<QueueTab, number>> {
    const plain = QUEUE_TABS.filter((tab) => tab !== 'risk').map((tab) => {
      const { states, condition: [sql, bindings] = ['1 = 1', []] } = tabOf(tab, userId, now);
      return knex().raw(`SUM(CASE WHEN ${inStates(states)} AND (${sql}) THEN 1 ELSE 0 END) AS "${tab}"`, bindings as Knex.RawBinding[]);
    });
    const [sums, ...risky] = await Promise.all([
      filtered(request, QUEUE_STATES, { assignee: true }).select(plain) as Promise<Row[]>,
      ...RUNNING.map((clock) => {
        const [sql, bindings] = clockAtRisk(clock, now);
        return filtered(request, clock.states, { clocks: true }).whereRaw(`(${sql})`, bindings).count({ n: '*' }) as Promise<Row[]>;
      }),
    ]);
    const row = sums[0] ?? {};
    return {
      ...(Object.fromEntries(QUEUE_TABS.map((tab) => [tab, Number(row[tab] ?? 0)])) as Record<QueueTab, number>),
      risk: risky.reduce((sum, rows) => sum + Number(rows[0]?.n ?? 0), 0),
    };
  }

  function present(ticket: TicketRow, clock: Row, now: Date) {
    const prefix = ticket.state === 'new' ? 'take_charge' : 'restore';
    const text = (value: unknown) => (value === null || value === undefined || value === '' ? null : String(value));
    const user = ticket.requester;
    const requester = {
      documentId: text(user?.documentId),
      name: text(ticket.requesterName) ?? text(user?.username),
      email: text(ticket.requesterEmail) ?? text(user?.email),
      phone: text(ticket.requesterPhone) ?? text(user?.phone),
    };
    const named = (relation: { documentId: string; name: string } | null | undefined) => (relation ? { documentId: relation.documentId, name: relation.name } : null);
    return {
      documentId: ticket.documentId,
      number: text(ticket.number),
      title: ticket.title,
      state: ticket.state,
      priority: ticket.priority,
      kind: ticket.kind,
      channel: ticket.channel,
      reportedAt: toDate(ticket.reportedAt)?.toISOString() ?? null,
      organization: named(ticket.organization),
      requester: Object.values(requester).some((value) => value !== null) ? requester : null,
      category: named(ticket.category),
      assignee: ticket.assignee ? { id: Number(ticket.assignee.id), name: adminName(ticket.assignee) ?? '' } : null,
      clock: presentQueueClock(
        ticket.state,
        clock[`${prefix}_minutes`] == null
          ? null
          : {
              targetMinutes: clock[`${prefix}_minutes`],
              dueAt: clock[`${prefix}_due_at`],
              warnAt: clock[`${prefix}_warn_at`],
              elapsedMinutes: clock[`${prefix}_elapsed_minutes`],
              met: clock[`${prefix}_met`],
              breached: clock[`${prefix}_breached`],
            },
        now
      ),
    };
  }

  const CLOCK_COLUMNS = ['minutes', 'due_at', 'warn_at', 'elapsed_minutes', 'met', 'breached'].flatMap((column) => [`take_charge_${column}`, `restore_${column}`]);

  /**
   * The page's ids and clocks, in the queue's order: running clock's due ascending (breached ones first, as
   * their due is past), then reportedAt; then the tickets without a running due, by reportedAt. Each kind of
   * running clock is walked on its index up to the page's end and the two are merged by SQL; the tickets
   * without a due are read only when the dues run out before the page's end. Then the names are read by
   * Strapi's own query by id: one statement joining every name made PostgreSQL, on tables without statistics
   * yet, estimate billions of rows and spend a second compiling the query (JIT).
   */
  async function page(request: QueueRequest, userId: number, now: Date) {
    const tab = tabOf(request.tab, userId, now);
    const inTab = (states: readonly string[]) => {
      const query = filtered(request, states, { clocks: true, assignee: tab.assignee });
      return tab.condition ? query.whereRaw(`(${tab.condition[0]})`, tab.condition[1] as Knex.RawBinding[]) : query;
    };
    const columns = ['t.id', 't.reported_at', ...CLOCK_COLUMNS.map((column) => `c.${column}`)];
    const offset = (request.page - 1) * request.pageSize;
    const end = request.page * request.pageSize;
    const branches = RUNNING.map((clock) => ({ clock, states: tab.states.filter((state) => clock.states.includes(state)) }))
      .filter(({ states }) => states.length > 0)
      .map(({ clock, states }) =>
        inTab(states).whereRaw(clock.condition).select(...columns, knex().raw(`${clock.due} AS due`)).orderByRaw(`${clock.due} ASC, t.reported_at ASC, t.id ASC`).limit(end).toSQL()
      );
    const dued =
      branches.length === 0
        ? []
        : rawRows<Row>(
            await knex().raw(
              `${branches.map(({ sql }, i) => `SELECT * FROM (${sql}) b${i}`).join(' UNION ALL ')} ORDER BY due ASC, reported_at ASC, id ASC LIMIT ?`,
              [...branches.flatMap(({ bindings }) => bindings), end] as Knex.RawBinding[]
            )
          );
    const chosen = dued.slice(offset, end);
    if (dued.length < end) {
      chosen.push(
        ...((await inTab(tab.states)
          .whereRaw(WITHOUT_RUNNING_DUE)
          .select(...columns)
          .orderBy([{ column: 't.reported_at', order: 'asc' }, { column: 't.id', order: 'asc' }])
          .offset(Math.max(0, offset - dued.length))
          .limit(request.pageSize - chosen.length)) as Row[])
      );
    }
    if (chosen.length === 0) return [];
    const tickets = (await strapi.db.query(TICKET).findMany({
      where: { id: { $in: chosen.map((row) => row.id) } },
      select: ['id', 'documentId', 'number', 'title', 'state', 'priority', 'kind', 'channel', 'reportedAt', 'requesterName', 'requesterEmail', 'requesterPhone'],
      populate: {
        organization: { select: ['documentId', 'name'] },
        category: { select: ['documentId', 'name'] },
        requester: { select: ['documentId', 'username', 'email', 'phone'] },
        assignee: { select: ['id', 'firstname', 'lastname', 'username', 'email'] },
      },
    })) as TicketRow[];
    const byId = new Map(tickets.map((ticket) => [Number(ticket.id), ticket]));
    return chosen.flatMap((clock) => {
      const ticket = byId.get(Number(clock.id));
      return ticket ? [present(ticket, clock, now)] : [];
    });
  }

  return {
    async list(request: QueueRequest, userId: number, now = new Date()) {
      const [rows, tabs] = await Promise.all([page(request, userId, now), counts(request, userId, now)]);
      const total = tabs[request.tab];
      return {
        data: rows,
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
      return users.map((user) => ({ id: Number(user.id), name: adminName(user as { firstname?: string | null; lastname?: string | null; email?: string | null }) ?? '' }));
  }
};

export type QueueService = ReturnType<typeof queue>;
export default queue;
