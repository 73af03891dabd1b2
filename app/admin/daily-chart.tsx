import styles from "./daily-chart.module.css";

export type ChartSeries = {
  label: string;
  /** A color from the design tokens, by class (the CSP refuses inline styles). */
  tone: "sales" | "granted" | "spent";
  values: number[];
};

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 22, left: 64 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** 2031-03-15 → 3/15 */
const shortDate = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/**
 * Bars per KST day, one per series side by side, drawn on the server as SVG
 * (no client JS, no chart library). The same numbers follow in a table for
 * screen readers and for anyone who wants them exactly.
 */
export function DailyChart({
  id,
  title,
  dates,
  series,
  format,
}: {
  id: string;
  title: string;
  dates: string[];
  series: ChartSeries[];
  format: (value: number) => string;
}) {
  const values = series.flatMap((s) => s.values);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const y = (v: number) => PAD.top + ((max - v) / (max - min)) * PLOT_H;
  const slot = PLOT_W / dates.length;
  const barWidth = (slot * 0.8) / series.length;
  const labelled = new Set([0, Math.floor(dates.length / 2), dates.length - 1]);
  const summary = `${title}: ${dates[0]}부터 ${dates.at(-1)}까지 ${series
    .map((s) => `${s.label} 합계 ${format(s.values.reduce((a, b) => a + b, 0))}, 최대 ${format(Math.max(0, ...s.values))}`)
    .join("; ")}`;

  return (
    <figure className={styles.figure} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <h3 className="flush">{title}</h3>
      </figcaption>
      <svg className={styles.chart} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <title>{summary}</title>
        {[max, min < 0 ? min : undefined, 0].map((tick) =>
          tick === undefined ? null : (
            <g key={tick}>
              <line className={styles.grid} x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
              <text className={styles.axis} x={PAD.left - 6} y={y(tick) + 4} textAnchor="end">
                {format(tick)}
              </text>
            </g>
          ),
        )}
        {dates.map((date, i) => (
          <g key={date}>
            {series.map((s, j) => {
              const v = s.values[i] ?? 0;
              const top = y(Math.max(v, 0));
              return (
                <rect
                  key={s.label}
                  className={styles[s.tone]}
                  x={PAD.left + i * slot + slot * 0.1 + j * barWidth}
                  y={top}
                  width={barWidth}
                  height={Math.max(y(Math.min(v, 0)) - top, 0)}
                />
              );
            })}
            {labelled.has(i) ? (
              <text className={styles.axis} x={PAD.left + (i + 0.5) * slot} y={HEIGHT - 6} textAnchor="middle">
                {shortDate(date)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <ul className={styles.legend} aria-hidden="true">
        {series.map((s) => (
          <li key={s.label}>
            <span className={`${styles.swatch} ${styles[s.tone]}`} />
            {s.label}
          </li>
        ))}
      </ul>
      <details>
        <summary>표로 보기</summary>
        <div className="scroll-x">
          <table>
            <caption className="visually-hidden">
              {title} (최근 {dates.length}일)
            </caption>
            <thead>
              <tr>
                <th scope="col">날짜 (한국 시간)</th>
                {series.map((s) => (
                  <th scope="col" className="num" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dates.map((date, i) => (
                <tr key={date}>
                  <th scope="row">{date}</th>
                  {series.map((s) => (
                    <td className="num" key={s.label}>
                      {format(s.values[i] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
