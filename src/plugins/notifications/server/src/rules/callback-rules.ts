/**
 * What a call-back's completion may say. Pure: no Strapi import, tested alone (tests/unit/desk-rules.test.ts).
 */
import { FieldError } from '../../../../../api/ticket/input-rules';

/** What the referent's call-back came to: the clause wants the Administration kept informed, so "not reached" is worth recording too. */
export const CALLBACK_OUTCOMES = ['reached', 'not_reached', 'message_left'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export interface CallbackCompletion {
  outcome: CallbackOutcome;
  note: string | null;
}

/** A call-back's completion as the operator gives it: one of the outcomes, and a note of at most 2,000 characters. */
export function checkCallbackCompletion(input: { outcome?: unknown; note?: unknown }): CallbackCompletion {
  if (input.outcome === undefined || input.outcome === null || input.outcome === '') {
    throw new FieldError('outcome', `outcome is required: one of ${CALLBACK_OUTCOMES.join(', ')}`);
  }
  if (typeof input.outcome !== 'string' || !(CALLBACK_OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw new FieldError('outcome', `outcome must be one of ${CALLBACK_OUTCOMES.join(', ')}`);
  }
  if (input.note !== undefined && input.note !== null && typeof input.note !== 'string') throw new FieldError('note', 'note must be text');
  const note = typeof input.note === 'string' && input.note.trim() ? input.note.trim() : null;
  if (note && note.length > 2000) throw new FieldError('note', 'note must be at most 2000 characters');
  return { outcome: input.outcome as CallbackOutcome, note };
}
