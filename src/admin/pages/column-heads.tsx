import { Th, Thead, Tr, Typography } from '@strapi/design-system';

/** The header row of a settings page's table: one heading per column. */
export function ColumnHeads({ columns }: { columns: string[] }) {
  return (
    <Thead>
      <Tr>
        {columns.map((column) => (
          <Th key={column}>
            <Typography variant="sigma">{column}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
  );
}
