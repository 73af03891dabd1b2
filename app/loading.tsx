export default function Loading() {
  return (
    <p role="status" aria-live="polite" className="muted">
      불러오는 중…
    </p>
  );
}
