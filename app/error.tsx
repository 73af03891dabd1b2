"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="alert error">
      <p className="flush-top">페이지를 불러오지 못했습니다. 잠시 후 다시 시도해 주세요. 결제와 크레딧은 안전하게 보관되어 있습니다.</p>
      <button type="button" onClick={reset}>
        다시 시도
      </button>
    </div>
  );
}
