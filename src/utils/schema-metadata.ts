/** Table, column and link-table names as Strapi's own metadata gives them, for the few raw SQL reads and writes. */
import type { Core } from '@strapi/strapi';

export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  inverseOrderColumnName?: string;
}

type Meta = { tableName: string; attributes: Record<string, unknown> };
const meta = (strapi: Core.Strapi, uid: string) => strapi.db.metadata.get(uid as never) as unknown as Meta;

/** The link table of a relation attribute (`tickets_organization_lnk`, with its two columns). */
export function joinTable(strapi: Core.Strapi, uid: string, attribute: string): JoinTable {
  return (meta(strapi, uid).attributes[attribute] as { joinTable: JoinTable }).joinTable;
}

export function tableName(strapi: Core.Strapi, uid: string): string {
  return meta(strapi, uid).tableName;
}

/** `alias.column as prefix + attribute` for each scalar attribute, to read rows back under Strapi's attribute names. */
export function selectAttributes(strapi: Core.Strapi, uid: string, alias: string, attributes: readonly string[], prefix = ''): string[] {
  const { attributes: all } = meta(strapi, uid);
  return attributes.map((attribute) => `${alias}.${(all[attribute] as { columnName?: string }).columnName ?? attribute} as ${prefix}${attribute}`);
}

/** The attributes under `prefix` in a joined row, or null when the joined row was absent (its id is null). */
export function takePrefixed(row: Record<string, unknown> | undefined, prefix: string): Record<string, unknown> | null {
  if (!row || row[`${prefix}id`] == null) return null;
  return Object.fromEntries(Object.entries(row).filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value]));
}

const NOT_COLUMNS = new Set(['relation', 'media', 'component', 'dynamiczone']);

/** The columns of a content type's own fields (relations and media live in link tables). */
export function scalarColumns(strapi: Core.Strapi, uid: string): string[] {
  const { attributes } = meta(strapi, uid) as { attributes: Record<string, { type: string; columnName?: string }> };
  return Object.entries(attributes)
    .filter(([, attribute]) => !NOT_COLUMNS.has(attribute.type))
    .map(([name, attribute]) => attribute.columnName ?? name);
}
