import styles from "./json-details.module.css";

/** A record's raw detail (a report, an audit row's before and after), folded away until asked for. */
export function JsonDetails({ summary, value }: { summary: string; value: unknown }) {
  return (
    <details>
      <summary>{summary}</summary>
      <pre className={styles.json}>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
