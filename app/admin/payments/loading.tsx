export default function Loading() {
  return (
    <p role="status" className="muted">
      결제 목록을 불러오는 중…
    </p>
  );
}
