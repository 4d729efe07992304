import type { ReactNode } from 'react';

/** Label and value pairs as a description list (one <div> per pair, for the grid layout). */
export function FactList({ rows, className }: { rows: Array<[string, ReactNode]>; className: 'facts' | 'figures' }) {
  return (
    <dl className={className}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
