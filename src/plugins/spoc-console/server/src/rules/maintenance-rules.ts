/**
 * The maintenance desk's transitions: planned → in progress → completed, and cancelled before completion.
 * Pure: no Strapi import, tested alone (tests/unit/desk-rules.test.ts).
 */
export const MAINTENANCE_ACTIONS = ['start', 'complete', 'cancel'] as const;
export type MaintenanceAction = (typeof MAINTENANCE_ACTIONS)[number];
export type MaintenanceState = 'planned' | 'in_progress' | 'completed' | 'cancelled';

const NEXT: Record<MaintenanceAction, { from: MaintenanceState[]; to: MaintenanceState }> = {
  start: { from: ['planned'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  cancel: { from: ['planned', 'in_progress'], to: 'cancelled' },
};

/** The state an action leads to from `state`, or null when that state refuses it. */
export function maintenanceTransition(state: string, action: MaintenanceAction): MaintenanceState | null {
  const rule = NEXT[action];
  return (rule.from as string[]).includes(state) ? rule.to : null;
}

/** The actions a maintenance in `state` offers, in the order the desk shows them. */
export function maintenanceActions(state: string): MaintenanceAction[] {
  return MAINTENANCE_ACTIONS.filter((action) => maintenanceTransition(state, action) !== null);
}
