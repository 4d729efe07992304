import type { Core } from '@strapi/strapi';

export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/** Where Strapi keeps a relation (its link table and columns), for queries written in SQL. */
export function joinTableOf(strapi: Core.Strapi, uid: string, attribute: string): JoinTable {
  return (strapi.db.metadata.get(uid as never).attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
}
