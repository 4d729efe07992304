import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FieldError } from '../api/ticket/input-rules';
import { onCurrentTransaction } from '../utils/knex-in-transaction';
import { fieldValidationError } from './field-errors';
import { linkRefs, refusedKeys, writeRule, type LinkRef, type LinkRule, type WriteName, type Writer } from './write-rules';

/**
 * Applies a write rule (write-rules.ts) to a request body before anything is written: unknown keys are
 * refused by name, and every record named by an allowed relation or media field is loaded and checked.
 * Returns the ids each link field would link, for controllers that use them (a follow-up's ticket).
 */
export interface WriteCheck {
  /** The content type written. */
  uid: string;
  /** The portal writer's organization; null for API tokens. */
  organizationId: number | null;
  /** Who writes, when not told by the organization (a portal user's own account needs none). */
  writer?: Writer;
  /** The record updated (its id and organization), when it exists already. */
  current?: { id: number; organizationId: number | null } | null;
}

type Target = { id: number; documentId: string; organization?: { id: number } | null };

const ORGANIZATION = 'api::organization.organization';
const FILE = 'plugin::upload.file';

export async function checkWrite(strapi: Core.Strapi, name: WriteName, data: Record<string, unknown>, check: WriteCheck): Promise<Map<string, number[]>> {
  const rule = writeRule(name, check.writer ?? (check.organizationId ? 'portal' : 'token'));
  if (!rule) throw new errors.ForbiddenError('Forbidden');
  const [refused] = refusedKeys(data, rule);
  if (refused) throw fieldValidationError(refused, `${refused} cannot be written here`);

  const links = Object.entries(rule.links ?? {}).filter(([field]) => field in data);
  const resolved = new Map<string, { uid: string; linked: Target[]; unlinked: Target[] }>();
  for (const [field, linkRule] of links) resolved.set(field, await resolveTargets(strapi, check.uid, field, data[field], linkRule));

  // The organization of the record as written: the one its organization link names, else the stored one, else the writer's.
  const decisive = rule.organizationLink ? resolved.get(rule.organizationLink) : undefined;
  const recordOrganization = decisive?.linked[0]
    ? organizationOf(decisive.uid, decisive.linked[0])
    : check.current?.organizationId ?? check.organizationId;

  const ids = new Map<string, number[]>();
  for (const [field, linkRule] of links) {
    const { linked, unlinked } = resolved.get(field)!;
    await assertRule(strapi, check, field, linkRule as LinkRule, [...linked, ...unlinked], recordOrganization ?? null);
    ids.set(field, linked.map((target) => target.id));
  }
  return ids;
}

/** Loads every record the value names; one that does not exist is refused like one that may not be linked. */
async function resolveTargets(strapi: Core.Strapi, uid: string, field: string, value: unknown, rule: LinkRule) {
  let refs: { linked: LinkRef[]; unlinked: LinkRef[] };
  try {
    refs = linkRefs(field, value);
  } catch (error) {
    if (error instanceof FieldError) throw fieldValidationError(error.field, error.message);
    throw error;
  }
  const target = targetOf(strapi, uid, field);
  const load = async (list: LinkRef[]) => {
    if (list.length === 0) return [];
    const ids = list.flatMap((ref) => ('id' in ref ? [ref.id] : []));
    const documentIds = list.flatMap((ref) => ('documentId' in ref ? [ref.documentId] : []));
    const hasOrganization = target !== ORGANIZATION && 'organization' in (strapi.getModel(target as UID.Schema)?.attributes ?? {});
    const rows = (await strapi.db.query(target as never).findMany({
      where: { $or: [{ id: { $in: ids } }, { documentId: { $in: documentIds } }] },
      select: ['id', 'documentId'],
      ...(hasOrganization ? { populate: { organization: { select: ['id'] } } } : {}),
    })) as Target[];
    const found = (ref: LinkRef) => rows.find((row) => ('id' in ref ? row.id === ref.id : row.documentId === ref.documentId));
    if (list.some((ref) => !found(ref))) throw rule === 'writerOrganization' ? notFound(field) : notLinkable(field);
    return list.map((ref) => found(ref)!);
  };
  return { uid: target, linked: await load(refs.linked), unlinked: await load(refs.unlinked) };
}

function targetOf(strapi: Core.Strapi, uid: string, field: string): string {
  const attribute = strapi.getModel(uid as UID.Schema)?.attributes[field] as { type: string; target?: string } | undefined;
  if (attribute?.type === 'media') return FILE;
  if (attribute?.type === 'relation' && attribute.target) return attribute.target;
  // A rule names a field the schema lacks: a mistake in write-rules.ts, refused rather than guessed.
  throw fieldValidationError(field, `${field} cannot be written here`);
}

function organizationOf(uid: string, target: Target): number | null {
  return uid === ORGANIZATION ? target.id : target.organization?.id ?? null;
}

const notFound = (field: string) => new errors.NotFoundError(`${field} not found`);
const notLinkable = (field: string) => fieldValidationError(field, `${field} names a record that does not exist or cannot be linked here`);

async function assertRule(strapi: Core.Strapi, check: WriteCheck, field: string, rule: LinkRule, targets: Target[], recordOrganization: number | null) {
  if (targets.length === 0 || rule === 'existing') return;
  if (rule === 'writerOrganization') {
    // Another organization's record is not found, as on reads.
    if (targets.some((target) => target.organization?.id !== check.organizationId)) throw notFound(field);
    return;
  }
  if (rule === 'recordOrganization') {
    // A record with no organization (a maintenance for everyone) may name records of any organization.
    if (recordOrganization !== null && targets.some((target) => target.organization?.id !== recordOrganization)) throw notLinkable(field);
    return;
  }
  // 'unattached': no link of the file to another record, whatever its type or field.
  const related = (strapi.db.metadata.get(FILE as never) as unknown as { attributes: Record<string, MorphJoin> }).attributes.related.joinTable;
  const query = strapi.db
    .connection(related.name)
    .whereIn(related.joinColumn.name, targets.map((target) => target.id))
    .modify((builder) => {
      if (check.current) {
        builder.whereNot((same) => same.where(related.morphColumn.typeColumn.name, check.uid).andWhere(related.morphColumn.idColumn.name, check.current!.id));
      }
    })
    .first(related.joinColumn.name);
  if (await onCurrentTransaction(strapi, query)) throw notLinkable(field);
}

/** The morph link table of uploaded files (files_related_mph), as Strapi's metadata describes it. */
interface MorphJoin {
  joinTable: { name: string; joinColumn: { name: string }; morphColumn: { idColumn: { name: string }; typeColumn: { name: string } } };
}
