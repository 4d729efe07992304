/**
 * The ticket lifecycle as data (DESIGN.md): which action leads from which state to which, and what it needs.
 * Pure: no Strapi import, tested alone.
 */
export const TICKET_STATES = ['new', 'in_charge', 'suspended', 'restored', 'closed', 'cancelled'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

/** States in which the requester may still write on a ticket: follow-ups and attachments (D4, active requests). */
export const OPEN_FOR_REQUESTER: readonly TicketState[] = ['new', 'in_charge', 'suspended', 'restored'];

export const LIFECYCLE_ACTIONS = ['take-charge', 'suspend', 'resume', 'restore', 'reopen', 'close', 'cancel'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export interface ActionInput {
  reason?: string | null;
  resolution?: string | null;
  /** For suspend: whether the wait is the Administration's doing (only then the restore clock pauses). */
  attributableToAdministration?: boolean | null;
}

interface Rule {
  from: readonly TicketState[];
  to: TicketState;
  requires?: 'reason' | 'resolution';
}

export const RULES: Record<LifecycleAction, Rule> = {
  'take-charge': { from: ['new'], to: 'in_charge' },
  suspend: { from: ['in_charge'], to: 'suspended', requires: 'reason' },
  resume: { from: ['suspended'], to: 'in_charge' },
  restore: { from: ['in_charge'], to: 'restored', requires: 'resolution' },
  reopen: { from: ['restored'], to: 'in_charge' },
  close: { from: ['restored'], to: 'closed' },
  cancel: { from: ['new', 'in_charge'], to: 'cancelled', requires: 'reason' },
};

/** The ticket columns an action sets; everything else stays as it is. */
export interface TicketPatch {
  state: TicketState;
  takenInChargeAt?: Date;
  restoredAt?: Date | null;
  closedAt?: Date;
  cancelledAt?: Date;
  resolution?: string;
  suspensionReason?: string | null;
  cancellationReason?: string;
}

export interface TransitionPlan {
  from: TicketState;
  to: TicketState;
  patch: TicketPatch;
  /** What the timeline keeps of this action, beside from/to. */
  eventData: Record<string, unknown>;
}

export class TransitionNotAllowedError extends Error {
  constructor(
    readonly action: LifecycleAction,
    readonly state: TicketState,
    /** Who moved the ticket into its state, and when (the timeline's last change of state), when known. */
    readonly by: string | null = null,
    readonly at: string | null = null
  ) {
    super(`Cannot ${action} a ticket in state "${state}" (allowed from: ${RULES[action].from.join(', ')})`);
    this.name = 'TransitionNotAllowedError';
  }
}

export class MissingFieldError extends Error {
  constructor(readonly field: string, readonly action: LifecycleAction) {
    super(`${field} is required to ${action} a ticket`);
    this.name = 'MissingFieldError';
  }
}

export function isLifecycleAction(value: string): value is LifecycleAction {
  return (LIFECYCLE_ACTIONS as readonly string[]).includes(value);
}

/** The actions the rules allow from a state, in the order of LIFECYCLE_ACTIONS (the console's action bar). */
export function allowedActions(state: TicketState): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((action) => RULES[action].from.includes(state));
}

export function planTransition(
  current: TicketState,
  action: LifecycleAction,
  input: ActionInput,
  now: Date,
  alreadyTakenInChargeAt: Date | null = null
): TransitionPlan {
  const rule = RULES[action];
  const required = rule.requires ? input[rule.requires]?.trim() : undefined;
  if (rule.requires && !required) throw new MissingFieldError(rule.requires, action);
  if (!rule.from.includes(current)) throw new TransitionNotAllowedError(action, current);

  const reason = input.reason?.trim() || null;
  const at = now.toISOString();
  switch (action) {
    case 'take-charge':
      // The SLA clock stops at the first take-in-charge; a later one (after reopen) does not move it.
      return plan(current, rule.to, { takenInChargeAt: alreadyTakenInChargeAt ?? now }, { at });
    case 'suspend':
      // Suspending means waiting on the Administration unless the operator says the supplier caused it.
      return plan(current, rule.to, { suspensionReason: required! }, { at, reason: required, attributableToAdministration: input.attributableToAdministration !== false });
    case 'resume':
      return plan(current, rule.to, { suspensionReason: null }, { at, reason });
    case 'restore':
      return plan(current, rule.to, { restoredAt: now, resolution: required! }, { at, resolution: required });
    case 'reopen':
      return plan(current, rule.to, { restoredAt: null }, { at, reason });
    case 'close':
      return plan(current, rule.to, { closedAt: now }, { at, reason });
    case 'cancel':
      return plan(current, rule.to, { cancelledAt: now, cancellationReason: required! }, { at, reason: required });
  }
}

function plan(from: TicketState, to: TicketState, patch: Omit<TicketPatch, 'state'>, eventData: Record<string, unknown>): TransitionPlan {
  return { from, to, patch: { state: to, ...patch }, eventData };
}
