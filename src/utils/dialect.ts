import type { Core } from '@strapi/strapi';

export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}

/** The column type of an instant in the tables we make ourselves at bootstrap (Strapi's own schemas say `datetime`). */
export function timestampType(strapi: Core.Strapi): string {
  return isPostgres(strapi) ? 'timestamptz' : 'datetime';
}
