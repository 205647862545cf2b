import type { ReactNode } from 'react';

export type SummaryRow = { key: string; value: ReactNode };

export function SummaryList({ rows }: { rows: readonly SummaryRow[] }) {
  return (
    <dl className="nhsuk-summary-list">
      {rows.map((row) => (
        <div className="nhsuk-summary-list__row" key={row.key}>
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className="nhsuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
