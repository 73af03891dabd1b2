import { formatCredits } from "@/lib/format";

/** The signed-in person's balance; a negative one (a debt after a cancellation) says what it means. */
export function BalanceCard(props: { balance: number; email: string }) {
  return (
    <section className="card" aria-labelledby="balance-heading">
      <h2 id="balance-heading" className="muted balance-label">
        보유 크레딧
      </h2>
      <p className="balance" data-testid="balance">
        {formatCredits(props.balance)} 크레딧
      </p>
      <p className="muted">{props.email}</p>
      {props.balance < 0 && (
        <p className="alert info" role="note">
          환불되었거나 취소된 결제의 크레딧을 이미 사용해 잔액이 마이너스입니다. 크레딧을 충전하면 다시 프리미엄 채팅을 이용할 수
          있습니다.
        </p>
      )}
    </section>
  );
}
