import type { ReactNode } from 'react';

// A responsive NHS.UK table: on small screens each row becomes a block and each cell shows its
// column heading. The role attributes keep the table semantics that some browsers drop when
// the cells are restyled as blocks (as in staff/StaffPage.tsx).

export function Table({
  caption,
  headings,
  children,
}: {
  caption: ReactNode;
  headings: readonly string[];
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: see above
    <table className="nhsuk-table nhsuk-table--responsive" role="table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">{caption}</caption>
      {/* biome-ignore lint/a11y/noRedundantRoles: see above */}
      <thead className="nhsuk-table__head" role="rowgroup">
        {/* biome-ignore lint/a11y/noRedundantRoles: see above */}
        <tr className="nhsuk-table__row" role="row">
          {headings.map((heading) => (
            // biome-ignore lint/a11y/noRedundantRoles: see above
            <th className="nhsuk-table__header" scope="col" role="columnheader" key={heading}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">{children}</tbody>
    </table>
  );
}

export function Row({ children }: { children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: see Table
    <tr className="nhsuk-table__row" role="row">
      {children}
    </tr>
  );
}

export function Cell({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: see Table
    <td className="nhsuk-table__cell" role="cell">
      <span className="nhsuk-table__heading" aria-hidden="true">
        {heading}{' '}
      </span>
      {/* One box for the content: on small screens the cell lays out its heading and content side by side. */}
      <div>{children}</div>
    </td>
  );
}
