/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import { type FarmBalance, type FarmStatement, readFarmBalance, readFarmStatement } from '../answers/payments.ts';
import { formatKrw } from '../config.ts';
import { api, apiFile, messageOf, readAnswer } from './api.ts';
import { download } from './csv-download.ts';
import { seoulTime, seoulToday } from './purchase-text.ts';
import { Loading, Notice, shortDate } from './ui.tsx';

const money = (amount: number | null): string => (amount === null ? '-' : formatKrw(amount));

function BalancePanel(props: { balance: FarmBalance }) {
  const { balance } = props;
  const last = balance.lastPayout;
  return (
    <section class="panel" data-balance aria-labelledby="balance-title">
      <h2 id="balance-title">정산금</h2>
      <dl class="counts">
        <dt>정산 잔액</dt>
        <dd data-balance-available>{formatKrw(balance.balance)}</dd>
        <dt>다음 지급 예정</dt>
        <dd data-upcoming-payout>{formatKrw(balance.upcomingPayout)}</dd>
      </dl>
      <p class="muted">손님이 구매를 확정한 주문부터 정산 잔액에 들어가요. 매주 한 번 정산해 보내 드려요.</p>
      {balance.onHold ? (
        <Notice kind="error">지급이 보류됐어요{balance.holdReason ? `: ${balance.holdReason}` : '.'}</Notice>
      ) : null}
      {last ? (
        <p>
          지난 지급: <strong>{formatKrw(last.amount)}</strong> · {shortDate(last.periodEnd)}까지의 정산 ·{' '}
          {seoulTime(last.paidAt)}
        </p>
      ) : (
        <p class="muted">아직 지급한 정산이 없어요.</p>
      )}
    </section>
  );
}

/** Balance, the next and last payouts, and the statement of the last 30 days, with payments' CSV for bookkeeping. */
export function SettlementPage(props: { farmId: string }) {
  const [balance, setBalance] = useState<FarmBalance | null>(null);
  const [statement, setStatement] = useState<FarmStatement | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const base = `/v1/farms/${props.farmId}`;

  useEffect(() => {
    Promise.all([api('payments', `${base}/balance`), api('payments', `${base}/statements`)])
      .then(([balanceBody, statementBody]) => {
        setBalance(readAnswer(readFarmBalance, balanceBody));
        setStatement(readAnswer(readFarmStatement, statementBody));
      })
      .catch((failure: unknown) => setMessage({ kind: 'error', text: messageOf(failure) }));
  }, [base]);

  const save = async () => {
    if (!statement) return;
    setSaving(true);
    const range = new URLSearchParams({ from: statement.from, to: statement.to, format: 'csv' });
    try {
      download(
        await apiFile('payments', `${base}/statements?${range.toString()}`, 'text/csv'),
        `정산내역-${seoulToday()}.csv`,
      );
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    } finally {
      setSaving(false);
    }
  };

  if (!balance || !statement) return message ? <Notice kind="error">{message.text}</Notice> : <Loading />;
  return (
    <>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <BalancePanel balance={balance} />
      <section aria-labelledby="statements-title">
        <h2 id="statements-title">
          정산 내역 ({shortDate(statement.from)}~{shortDate(statement.to)})
        </h2>
        {statement.lines.length === 0 ? (
          <p class="muted">이 기간의 정산 내역이 없어요. 구매확정된 주문과 지급이 여기에 한 줄씩 쌓여요.</p>
        ) : (
          <>
            <p class="actions">
              <button type="button" class="secondary" disabled={saving} onClick={save} data-download-statements>
                정산 내역 내려받기 (CSV)
              </button>
            </p>
            <div class="table-scroll">
              <table data-statements>
                <thead>
                  <tr>
                    <th scope="col">일시</th>
                    <th scope="col">내용</th>
                    <th scope="col">판매액</th>
                    <th scope="col">수수료</th>
                    <th scope="col">정산액</th>
                    <th scope="col">잔액</th>
                  </tr>
                </thead>
                <tbody>
                  {statement.lines.map((line) => (
                    <tr key={line.entryId} data-statement={line.entryId} data-statement-kind={line.kind}>
                      <td>{seoulTime(line.postedAt)}</td>
                      <td>{line.description}</td>
                      <td>{money(line.grossAmount)}</td>
                      <td>{money(line.commission)}</td>
                      <td>
                        <strong>{formatKrw(line.amount)}</strong>
                      </td>
                      <td>{formatKrw(line.balanceAfter)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
