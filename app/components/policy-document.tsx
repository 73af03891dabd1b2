import Link from "next/link";
import type { PolicyBlock, PolicySection } from "@/lib/storefront/policy-document";
import { SampleBusinessNotice } from "./sample-business-notice";
import styles from "./policy-document.module.css";

/** A published policy (terms, refund policy, privacy policy): its title, when it took effect, a table of contents and its sections. */
export function PolicyDocument({ title, effectiveDate, sections }: { title: string; effectiveDate: string; sections: PolicySection[] }) {
  return (
    <article className={styles.document}>
      <h1>{title}</h1>
      <p className="muted">시행일: {effectiveDate}</p>
      <SampleBusinessNotice />
      <nav aria-label="목차" className={styles.contents}>
        <ol>
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.heading}</a>
            </li>
          ))}
        </ol>
      </nav>
      {sections.map((s) => (
        <section key={s.id} aria-labelledby={s.id} className={styles.section}>
          <h2 id={s.id}>{s.heading}</h2>
          {s.blocks.map((block, i) => (
            <Block key={i} block={block} />
          ))}
        </section>
      ))}
    </article>
  );
}

function Block({ block }: { block: PolicyBlock }) {
  switch (block.kind) {
    case "paragraph":
      return <p>{block.text}</p>;
    case "list":
      return (
        <ul>
          {block.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      );
    case "link":
      return (
        <p>
          {block.text} <Link href={block.href}>{block.label}</Link>
        </p>
      );
    case "examples":
      return (
        <dl className={styles.examples}>
          {block.items.map((e) => (
            <div key={e.situation}>
              <dt>{e.situation}</dt>
              <dd>{e.outcome}</dd>
            </div>
          ))}
        </dl>
      );
  }
}
