import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

/**
 * The Content Manager's list shows an enumeration's raw value (`in_charge`), while its form labels options
 * with the translation whose id is the value (translations/enumerations.ts). This hook of the list view
 * (`Admin/CM/pages/ListView/inject-column-in-table`) gives every enumeration column a cell that reads the same
 * translation, so the list and the form agree.
 */
interface Header {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: unknown;
}

export function translateEnumerationColumns<T extends { displayedHeaders: Header[] }>(args: T): T {
  return {
    ...args,
    displayedHeaders: args.displayedHeaders.map((header) =>
      header.attribute?.type === 'enumeration' && !header.cellFormatter
        ? { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumerationValue value={row[header.name]} /> }
        : header
    ),
  };
}

function EnumerationValue({ value }: { value: unknown }) {
  const { formatMessage } = useIntl();
  if (typeof value !== 'string' || value === '') return <Typography textColor="neutral800">-</Typography>;
  return <Typography textColor="neutral800">{formatMessage({ id: value, defaultMessage: value })}</Typography>;
}
