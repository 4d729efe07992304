/**
 * Which keys of a Content Manager view configuration we may still set, so that an administrator's own changes
 * (Content Manager → Configura la vista) survive every restart. Pure: no Strapi import, tested alone.
 *
 * The configuration is cut into keys (a field's label, description, visibility, editability and picker
 * field; the type's main field and sort; the list columns; the edit layout). At each boot a key gets our
 * value only while it still holds what we applied last time, or, for a key we never set on this database,
 * Strapi's generated default. Any other value is someone's choice and is kept; so is ours from then on
 * never forced back. What we applied is returned to be remembered for the next boot.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FieldView, TypeView } from './views';

/** The parts of Strapi's stored configuration we read and write (core store `…configuration_content_types::<uid>`). */
export interface ViewConfiguration {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
}

/** Key (a dotted path in the configuration) → value. */
export type ViewValues = Record<string, unknown>;

/** Fields every collection type has, which a view does not list. */
const TIMESTAMPS: Record<string, FieldView> = {
  createdAt: { label: 'Creato il' },
  updatedAt: { label: 'Modificato il' },
};

/** Our value for each key we manage; `sizeOf` gives a field type's default width where a row does not say. */
export function desiredValues(view: TypeView, sizeOf: (field: string) => number): ViewValues {
  const values: ViewValues = {
    'settings.mainField': view.mainField,
    'settings.defaultSortBy': view.sortBy,
    'settings.defaultSortOrder': view.sortOrder,
    'layouts.list': [...view.list],
    'layouts.edit': view.edit.map((row) =>
      row.map((item) => (typeof item === 'string' ? { name: item, size: sizeOf(item) } : { name: item[0], size: item[1] }))
    ),
  };
  for (const [name, field] of Object.entries({ ...TIMESTAMPS, ...view.fields })) {
    values[`metadatas.${name}.edit.label`] = field.label;
    values[`metadatas.${name}.list.label`] = field.label;
    if (name in TIMESTAMPS) continue;
    if (field.description !== undefined) values[`metadatas.${name}.edit.description`] = field.description;
    values[`metadatas.${name}.edit.visible`] = !field.hidden;
    values[`metadatas.${name}.edit.editable`] = !field.readOnly;
    if (field.mainField !== undefined) values[`metadatas.${name}.edit.mainField`] = field.mainField;
  }
  return values;
}

export interface MergeInput {
  /** The stored configuration, as Strapi synced it at this boot. */
  current: ViewConfiguration;
  /** What Strapi generates for this type on an empty database. */
  generated: ViewConfiguration;
  /** What we applied at the previous boot (empty on the first). */
  applied: ViewValues;
  desired: ViewValues;
}

export interface MergeResult {
  configuration: ViewConfiguration;
  /** To remember for the next boot. */
  applied: ViewValues;
  /** Keys set now. */
  changed: string[];
  /** Keys left as someone else set them. */
  kept: string[];
}

export function mergeView({ current, generated, applied, desired }: MergeInput): MergeResult {
  const configuration = structuredClone(current);
  const remembered: ViewValues = {};
  const changed: string[] = [];
  const kept: string[] = [];
  for (const [key, value] of Object.entries(desired)) {
    const path = key.split('.');
    // A field that left the schema has no metadata any more: nothing to set.
    if (path[0] === 'metadatas' && !(path[1] in configuration.metadatas)) continue;
    const now = getPath(configuration, path);
    const ours = key in applied ? applied[key] : getPath(generated, path);
    if (isDeepStrictEqual(now, value)) {
      remembered[key] = value;
    } else if (isDeepStrictEqual(now, ours)) {
      setPath(configuration, path, structuredClone(value));
      remembered[key] = value;
      changed.push(key);
    } else {
      // Someone changed it: theirs. What we applied before (if anything) stays the reference.
      if (key in applied) remembered[key] = applied[key];
      kept.push(key);
    }
  }
  return { configuration, applied: remembered, changed, kept };
}

function getPath(target: unknown, path: string[]): unknown {
  let node = target;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

function setPath(target: object, path: string[], value: unknown): void {
  let node = target as Record<string, unknown>;
  for (const step of path.slice(0, -1)) {
    if (node[step] === null || typeof node[step] !== 'object') node[step] = {};
    node = node[step] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}
