import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>페이지를 찾을 수 없습니다</h1>
      <p className="muted">주소가 바뀌었거나 없는 페이지입니다.</p>
      <p>
        <Link href="/">홈으로</Link>
      </p>
    </>
  );
}
