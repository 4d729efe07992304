/**
 * Which e-mail a maintenance log's change sends its organization. Pure: no Strapi import, tested alone.
 * A log recorded after the fact (created already completed) sends only the completion; a cancelled one
 * sends nothing (there is no template for it yet).
 */
import type { MaintenanceEvent } from './variables';

const BY_STATE: Record<string, MaintenanceEvent> = {
  planned: 'maintenance.planned',
  in_progress: 'maintenance.started',
  completed: 'maintenance.completed',
};

export function maintenanceStep(before: string | null, after: string | null | undefined): MaintenanceEvent | null {
  if (!after || after === before) return null;
  return BY_STATE[after] ?? null;
}
