import type { HTMLAttributes, ReactNode } from "react";

export type Column<Row> = {
  header: ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** This column names the row: a `th scope="row"`, which screen readers announce with each cell. */
  rowHeader?: boolean;
  className?: string;
  cell: (row: Row) => ReactNode;
};

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | undefined };

/**
 * The app's table: a heading per column, one row per item, numbers right-aligned,
 * scrolling sideways on a narrow screen. With no rows it says `empty` instead.
 */
export function DataTable<Row>(props: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  rowAttributes?: (row: Row) => RowAttributes;
  /** Named by a heading on the page (its id), or by a caption only screen readers see. */
  labelledBy?: string;
  caption?: string;
  empty?: ReactNode;
  /** In a card of its own (the default), or bare inside one. */
  framed?: boolean;
}) {
  const { columns, rows, framed = true } = props;
  if (rows.length === 0 && props.empty !== undefined) return <p className="muted">{props.empty}</p>;
  const cellClass = (column: Column<Row>) => [column.numeric ? "num" : "", column.className ?? ""].join(" ").trim() || undefined;
  return (
    <div className={framed ? "card scroll-x" : "scroll-x"}>
      <table aria-labelledby={props.labelledBy}>
        {props.caption && <caption className="visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th scope="col" className={column.numeric ? "num" : undefined} key={i}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={props.rowKey(row)} {...props.rowAttributes?.(row)}>
              {columns.map((column, i) =>
                column.rowHeader ? (
                  <th scope="row" className={cellClass(column)} key={i}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td className={cellClass(column)} key={i}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
