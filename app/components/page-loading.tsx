/**
 * What a customer page shows while its server part loads (each segment's loading.tsx). Not at the
 * root: a loading boundary above /admin would send the response's 200 before a page's operator
 * check could answer 404.
 */
export function PageLoading() {
  return (
    <p role="status" aria-live="polite" className="muted">
      불러오는 중…
    </p>
  );
}
