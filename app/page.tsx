import Link from "next/link";
import { getBalance } from "@/lib/accounts/users";
import { currentUser } from "@/lib/auth/session";
import { BalanceCard } from "@/app/components/balance-card";

export default async function HomePage() {
  const user = await currentUser();
  if (!user) {
    return (
      <>
        <h1>AInfo 프리미엄 챗봇</h1>
        <p>AInfo 챗봇은 무료로 쓸 수 있고, 프리미엄 기능은 크레딧으로 이용합니다.</p>
        <p>
          <Link className="button" href="/signup">
            회원가입
          </Link>{" "}
          또는 <Link href="/signin">로그인</Link>
        </p>
      </>
    );
  }
  const balance = await getBalance(user.id);
  return (
    <>
      <h1>{user.name ? `${user.name}님, 안녕하세요` : "안녕하세요"}</h1>
      <BalanceCard balance={balance} email={user.email} />
      <div className="grid below">
        <Link className="card" href="/credits">
          크레딧 구매 →
        </Link>
        <Link className="card" href="/chat">
          프리미엄 채팅 →
        </Link>
        <Link className="card" href="/account">
          결제 내역과 크레딧 사용 내역 →
        </Link>
      </div>
    </>
  );
}
