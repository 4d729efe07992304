/**
 * What each caller may write, by allow-list: per write (a content type's create, update, action) and per
 * caller kind, the plain fields it may give and the relation or media fields it may link, each with the rule
 * its targets must meet. Anything else in the body is refused with 400 naming the key. Pure: no Strapi
 * import; write-check.ts resolves the targets and applies the rules.
 */
import { FieldError, SYSTEM_FIELDS, CORRECTION_ONLY_FIELDS } from '../api/ticket/input-rules';

/** A portal user (users-permissions JWT, scoped to one organization) or an API token (a tool, not scoped). */
export type Writer = 'portal' | 'token';

/** What a linked record must be. Every target must exist; an unknown one and a forbidden one answer alike. */
export type LinkRule =
  /** Any existing record: shared configuration (categories), or for tools, the organization itself. */
  | 'existing'
  /** A record of the portal writer's own organization (a follow-up's ticket); another's is "not found". */
  | 'writerOrganization'
  /** A record of the organization of the record written (a ticket's requester and maintenance logs). */
  | 'recordOrganization'
  /** A file attached to no other record (it may already be on this one). */
  | 'unattached';

export interface WriteRule {
  /** Plain (non-relation) fields the caller may give. */
  fields: readonly string[];
  /** Relation and media fields the caller may link, with the rule for their targets. */
  links?: Readonly<Record<string, LinkRule>>;
  /** The link whose target decides the organization of the record written (its own organization relation, or its ticket). */
  organizationLink?: string;
}

const TICKET_TEXT = ['title', 'description', 'kind', 'priority', 'affectedService', 'channel'] as const;
const TICKET_CONTACT = ['requesterName', 'requesterEmail', 'requesterPhone', 'externalRef'] as const;
const TICKET_TOOL_LINKS = {
  category: 'existing',
  organization: 'existing',
  requester: 'recordOrganization',
  assignee: 'existing',
  maintenanceLogs: 'recordOrganization',
  attachments: 'unattached',
} as const;
const MAINTENANCE_FIELDS = ['title', 'description', 'type', 'state', 'scheduledStart', 'scheduledEnd', 'actualStart', 'actualEnd', 'affectedServices', 'outcome'] as const;
const MAINTENANCE_LINKS = { organization: 'existing', tickets: 'recordOrganization', attachments: 'unattached' } as const;

/**
 * Every write of the content API. A caller kind with no rule may not make that write at all. Files of portal
 * users come only as multipart parts of the same request, never as ids: no portal rule links `attachments`.
 * `followUps` is never written through a ticket: a follow-up names its ticket, once, when it is created.
 */
export const WRITE_RULES = {
  'ticket.create': {
    portal: { fields: TICKET_TEXT, links: { category: 'existing' } },
    token: { fields: [...TICKET_TEXT, ...TICKET_CONTACT, 'reportedAt'], links: TICKET_TOOL_LINKS, organizationLink: 'organization' },
  },
  'ticket.update': {
    // System and correction-only fields may come back unchanged (a tool sending what it read); the ticket's
    // document middleware refuses any change to them.
    token: {
      fields: [...TICKET_TEXT, ...TICKET_CONTACT, ...SYSTEM_FIELDS, ...CORRECTION_ONLY_FIELDS, 'descriptionHtml'],
      links: TICKET_TOOL_LINKS,
      organizationLink: 'organization',
    },
  },
  /** The lifecycle actions (take charge, suspend, restore, reopen, close, cancel). */
  'ticket.action': {
    portal: { fields: ['reason'] },
    token: { fields: ['reason', 'resolution', 'attributableToAdministration'] },
  },
  /** Files added to a ticket: multipart parts only, nothing in `data`. */
  'ticket.attachments': { portal: { fields: [] }, token: { fields: [] } },
  'follow-up.create': {
    portal: { fields: ['body'], links: { ticket: 'writerOrganization' } },
    token: {
      fields: ['body', 'visibility', 'authorType', 'authorName', 'channel'],
      links: { ticket: 'existing', authorUser: 'recordOrganization', authorAdmin: 'existing', attachments: 'unattached' },
      organizationLink: 'ticket',
    },
  },
  'maintenance-log.create': { token: { fields: MAINTENANCE_FIELDS, links: MAINTENANCE_LINKS, organizationLink: 'organization' } },
  'maintenance-log.update': { token: { fields: MAINTENANCE_FIELDS, links: MAINTENANCE_LINKS, organizationLink: 'organization' } },
  /** A call as the telephony system reports it. */
  'call.record': { token: { fields: ['callId', 'callerNumber', 'startedAt', 'endedAt', 'operatorEmail'] } },
  /** The ticket of a call: channel and reportedAt come from the call. */
  'call.ticket': {
    token: {
      fields: ['title', 'description', 'kind', 'priority', 'requesterName', 'requesterEmail', 'requesterPhone'],
      links: { category: 'existing', organization: 'existing' },
      organizationLink: 'organization',
    },
  },
  /** The portal user's own account: the interface language only. */
  'portal.account': { portal: { fields: ['language'] } },
} as const satisfies Record<string, Partial<Record<Writer, WriteRule>>>;

export type WriteName = keyof typeof WRITE_RULES;

export function writeRule(name: WriteName, writer: Writer): WriteRule | null {
  return (WRITE_RULES[name] as Partial<Record<Writer, WriteRule>>)[writer] ?? null;
}

/** The keys of `data` that the rule does not allow, in order: the first one is named in the 400. */
export function refusedKeys(data: Record<string, unknown>, rule: WriteRule): string[] {
  return Object.keys(data).filter((key) => !rule.fields.includes(key) && !(rule.links && key in rule.links));
}

/** One record named in a relation value: by id or by documentId. */
export type LinkRef = { id: number } | { documentId: string };

export interface LinkRefs {
  /** Records the write would link (plain values, `connect`, `set`). */
  linked: LinkRef[];
  /** Records the write would unlink (`disconnect`): checked alike, so that a probe learns nothing. */
  unlinked: LinkRef[];
}

const OPERATIONS = ['connect', 'disconnect', 'set'];

/**
 * Every record a relation or media value names, in every shape Strapi accepts: `5`, `"docId"`, `{ id }`,
 * `{ documentId }`, arrays of those, and `{ connect, disconnect, set }` with one or an array of those.
 * `null` and `[]` name none. Anything else (positions, locales, unknown keys) is refused.
 */
export function linkRefs(field: string, value: unknown): LinkRefs {
  const refs: LinkRefs = { linked: [], unlinked: [] };
  if (value === null || value === undefined) return refs;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => OPERATIONS.includes(key))) {
    for (const [key, entries] of Object.entries(value as Record<string, unknown>)) {
      if (!OPERATIONS.includes(key)) throw new FieldError(field, `${field} may only use connect, disconnect and set`);
      const list = Array.isArray(entries) ? entries : entries === null || entries === undefined ? [] : [entries];
      (key === 'disconnect' ? refs.unlinked : refs.linked).push(...list.map((entry) => linkRef(field, entry)));
    }
    return refs;
  }
  refs.linked.push(...(Array.isArray(value) ? value : [value]).map((entry) => linkRef(field, entry)));
  return refs;
}

function linkRef(field: string, entry: unknown): LinkRef {
  if (typeof entry === 'number' && Number.isSafeInteger(entry) && entry > 0) return { id: entry };
  if (typeof entry === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(entry)) return { documentId: entry };
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    const keys = Object.keys(entry);
    // One key, id or documentId: a position or a locale would name more records or change what is linked.
    if (keys.length === 1 && (keys[0] === 'id' || keys[0] === 'documentId')) return linkRef(field, (entry as Record<string, unknown>)[keys[0]]);
  }
  throw new FieldError(field, `${field} must name records by id or documentId`);
}
