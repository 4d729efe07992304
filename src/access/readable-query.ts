/**
 * What a portal user's query may name: filters, sorts (and their `$and`/`$or`/`$not` nesting) and `fields`
 * walk only fields and relations the reader may read. A filter or sort through a relation that populate
 * hides or restricts (a ticket's `followUps`: public ones only) would tell, by which rows come back or in
 * which order, what the hidden records hold: such a key is refused with 400, before any query runs. Pure:
 * no Strapi import; scoped-controller.ts derives the tree from the same ScopeRules that build populate.
 */
import { FieldError } from '../api/ticket/input-rules';

export interface ReadableTree {
  /** Own fields a reader may filter and sort by. */
  filterable: ReadonlySet<string>;
  /** Own fields a reader may ask for with `fields` (also JSON, which is neither filtered nor sorted). */
  selectable: ReadonlySet<string>;
  /** Relations a reader may filter and sort through: those populate exposes with no restriction of its own. */
  relations: Readonly<Record<string, ReadableTree>>;
}

/** Strapi's comparison operators (the ones its query engine knows); anything else beginning with `$` is refused. */
const OPERATORS = new Set([
  '$eq', '$eqi', '$ne', '$nei', '$lt', '$lte', '$gt', '$gte', '$in', '$notIn', '$contains', '$notContains', '$containsi',
  '$notContainsi', '$startsWith', '$startsWithi', '$endsWith', '$endsWithi', '$null', '$notNull', '$between',
]);
const LOGICAL = new Set(['$and', '$or', '$not']);

const refuse = (path: string[], why: string) => new FieldError(path.join('.'), `${path.join('.')} ${why}`);

/** Throws a FieldError naming the first key of the query the reader may not use. */
export function assertReadableQuery(query: Record<string, unknown>, tree: ReadableTree): void {
  if (query.filters !== undefined) walkFilters(query.filters, tree, ['filters'], false);
  if (query.sort !== undefined) walkSort(query.sort, tree, ['sort']);
  if (query.fields !== undefined) walkFields(query.fields, tree);
}

/** A group of conditions on one type; at a relation's level a bare operator compares the related id. */
function walkFilters(node: unknown, tree: ReadableTree, path: string[], relationLevel: boolean): void {
  if (Array.isArray(node)) return node.forEach((entry, index) => walkFilters(entry, tree, [...path, String(index)], relationLevel));
  if (!isObject(node)) {
    if (relationLevel) return checkValue(node, path);
    throw refuse(path, 'must be an object of conditions');
  }
  for (const [key, value] of Object.entries(node)) {
    const at = [...path, key];
    if (key === '$and' || key === '$or') {
      // qs turns long arrays into objects keyed by index.
      walkFilters(isObject(value) ? Object.values(value) : value, tree, at, relationLevel);
    } else if (key === '$not') {
      walkFilters(value, tree, at, relationLevel);
    } else if (OPERATORS.has(key) && relationLevel) {
      checkValue(value, at);
    } else if (tree.filterable.has(key)) {
      walkCondition(value, at);
    } else if (key in tree.relations) {
      walkFilters(value, tree.relations[key], at, true);
    } else {
      throw refuse(at, 'cannot be used in filters');
    }
  }
}

/** The condition on one field: a value, or operators (possibly under `$and`/`$or`/`$not`) with values. */
function walkCondition(condition: unknown, path: string[]): void {
  if (Array.isArray(condition)) return condition.forEach((entry, index) => walkCondition(entry, [...path, String(index)]));
  if (!isObject(condition)) return checkValue(condition, path);
  for (const [key, value] of Object.entries(condition)) {
    const at = [...path, key];
    if (LOGICAL.has(key)) walkCondition(isObject(value) && key !== '$not' ? Object.values(value) : value, at);
    else if (OPERATORS.has(key)) checkValue(value, at);
    else throw refuse(at, 'is not an operator');
  }
}

/** Operands are plain values or lists of them, never objects that a query engine could read as more conditions. */
function checkValue(value: unknown, path: string[]): void {
  const plain = (entry: unknown) => entry === null || ['string', 'number', 'boolean'].includes(typeof entry);
  if (plain(value) || (Array.isArray(value) && value.every(plain))) return;
  throw refuse(path, 'must be a value or a list of values');
}

function walkSort(sort: unknown, tree: ReadableTree, path: string[]): void {
  if (Array.isArray(sort)) return sort.forEach((entry, index) => walkSort(entry, tree, [...path, String(index)]));
  if (typeof sort === 'string') {
    for (const part of sort.split(',')) {
      const [fieldPath, direction] = part.trim().split(':');
      if (direction !== undefined && !/^(asc|desc)$/i.test(direction)) throw refuse(path, 'must sort asc or desc');
      sortPath(fieldPath.split('.'), tree, path);
    }
    return;
  }
  if (!isObject(sort)) throw refuse(path, 'must name fields to sort by');
  for (const [key, value] of Object.entries(sort)) {
    const at = [...path, key];
    if (key in tree.relations && isObject(value)) walkSort(value, tree.relations[key], at);
    else if (tree.filterable.has(key) && typeof value === 'string' && /^(asc|desc)$/i.test(value)) continue;
    else throw refuse(at, 'cannot be used to sort');
  }
}

function sortPath(segments: string[], tree: ReadableTree, path: string[]): void {
  const [head, ...rest] = segments;
  const at = [...path, head];
  if (rest.length === 0 && tree.filterable.has(head)) return;
  if (rest.length > 0 && head in tree.relations) return sortPath(rest, tree.relations[head], at);
  throw refuse(at, 'cannot be used to sort');
}

function walkFields(fields: unknown, tree: ReadableTree): void {
  const list = typeof fields === 'string' ? fields.split(',').map((field) => field.trim()) : Array.isArray(fields) ? fields : isObject(fields) ? Object.values(fields) : [fields];
  for (const field of list) {
    if (typeof field !== 'string' || !tree.selectable.has(field)) throw refuse(['fields', String(field)], 'cannot be selected');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A content type's attributes as its schema declares them: what the tree is built from. */
export interface AttributeShape {
  type: string;
  target?: string;
  private?: boolean;
}

/** Attributes every document has, readable like its own fields. */
const DOCUMENT_FIELDS = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt'];
const NOT_FIELDS = new Set(['relation', 'media', 'component', 'dynamiczone', 'password']);

/**
 * The readable tree of a content type from its populate spec (ScopeRules.populate): its own non-private
 * fields, and each populated relation whose spec adds no `filters` (a restricted relation, such as public
 * follow-ups only, is readable through populate but not filterable); `fields` in a spec narrows the
 * related type's fields, a nested `populate` adds its relations.
 */
export function readableTree(
  attributesOf: (uid: string) => Record<string, AttributeShape>,
  uid: string,
  spec: unknown,
  only?: readonly string[]
): ReadableTree {
  const attributes = attributesOf(uid);
  const own = Object.entries(attributes).filter(([name, attribute]) => !NOT_FIELDS.has(attribute.type) && !attribute.private && (!only || only.includes(name)));
  const selectable = new Set([...DOCUMENT_FIELDS, ...own.map(([name]) => name)]);
  const filterable = new Set([...DOCUMENT_FIELDS, ...own.filter(([, attribute]) => attribute.type !== 'json').map(([name]) => name)]);
  const relations: Record<string, ReadableTree> = {};
  for (const [name, nested] of Object.entries(isObject(spec) ? spec : {})) {
    const attribute = attributes[name];
    const target = attribute?.type === 'media' ? 'plugin::upload.file' : attribute?.target;
    if (!target || nested === false || (isObject(nested) && nested.filters !== undefined)) continue;
    const options = isObject(nested) ? nested : {};
    relations[name] = readableTree(attributesOf, target, options.populate ?? {}, Array.isArray(options.fields) ? (options.fields as string[]) : undefined);
  }
  return { filterable, selectable, relations };
}
