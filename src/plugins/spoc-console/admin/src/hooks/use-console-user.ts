import { useAuth } from '@strapi/strapi/admin';

export const SUPERVISE = 'plugin::spoc-console.tickets.supervise';
export const WORK = 'plugin::spoc-console.tickets.work';

/** The signed-in operator: id, and whether they may supervise (assign to others, correct, verify). */
export function useConsoleUser(): { id: number | null; supervisor: boolean } {
  const id = useAuth('SpocConsoleUser', (state) => state.user?.id ?? null);
  const supervisor = useAuth('SpocConsoleUser', (state) => state.permissions.some((permission) => permission.action === SUPERVISE));
  return { id: id === null ? null : Number(id), supervisor };
}
