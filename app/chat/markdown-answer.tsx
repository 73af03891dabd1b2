"use client";

import { useRef, useState, type ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import styles from "./markdown-answer.module.css";

/** A code block with a button that copies its text. */
function CodeBlock({ children }: { children?: ReactNode }) {
  const code = useRef<HTMLPreElement>(null);
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(code.current?.textContent ?? "");
      setOutcome("copied");
    } catch {
      setOutcome("failed");
    }
    setTimeout(() => setOutcome(null), 2_000);
  }
  return (
    <div className={styles.codeBlock}>
      <pre ref={code}>{children}</pre>
      <button type="button" className={`secondary ${styles.copy}`} onClick={() => void copy()} aria-label="코드 복사">
        {outcome === "copied" ? "복사됨" : outcome === "failed" ? "복사 실패" : "복사"}
      </button>
      <span className="visually-hidden" role="status">
        {outcome === "copied" ? "코드를 복사했습니다" : outcome === "failed" ? "코드를 복사하지 못했습니다. 직접 선택해 복사해 주세요." : ""}
      </span>
    </div>
  );
}

// Module-level so the element types stay the same across renders: an inline
// object would remount every code block (and drop its "복사됨") on each render.
const markdownComponents: Components = {
  pre: ({ children }) => <CodeBlock>{children}</CodeBlock>,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  table: ({ children }) => (
    <div className="scroll-x">
      <table>{children}</table>
    </div>
  ),
};

/**
 * A model's answer as Markdown (lists, code, tables: GitHub's flavour). Raw
 * HTML in it is never rendered (react-markdown leaves it out without a raw-HTML
 * plugin), and links leave the page without our session's referrer.
 */
export function MarkdownAnswer({ text }: { text: string }) {
  return (
    <div className={styles.answer}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={markdownComponents}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
