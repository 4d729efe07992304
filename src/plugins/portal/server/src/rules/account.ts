/** Pure rules of the portal account (no Strapi import). */
export type Language = 'it' | 'en';
export type PortalRoleName = 'Staff' | 'Referente';

export const LANGUAGES: readonly Language[] = ['it', 'en'];

export function parseLanguage(value: unknown): Language | null {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : null;
}

/** The portal role's display name for a users-permissions role type, null for roles the portal does not admit. */
export function portalRoleName(type: string | null | undefined, roles: Record<string, { name: string }>): PortalRoleName | null {
  if (!type || !Object.hasOwn(roles, type)) return null;
  const name = roles[type].name;
  return name === 'Staff' || name === 'Referente' ? name : null;
}
