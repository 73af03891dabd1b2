"use client";

import { useRef, useState, type ReactNode } from "react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import styles from "./markdown-answer.module.css";

/** A code block with a button that copies its text. */
function CodeBlock({ children }: { children?: ReactNode }) {
  const code = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(code.current?.textContent ?? "");
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  }
  return (
    <div className={styles.codeBlock}>
      <pre ref={code}>{children}</pre>
      <button type="button" className={`secondary ${styles.copy}`} onClick={() => void copy()} aria-label="코드 복사">
        {copied ? "복사됨" : "복사"}
      </button>
      <span className="visually-hidden" role="status">
        {copied ? "코드를 복사했습니다" : ""}
      </span>
    </div>
  );
}

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
        components={{
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
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
