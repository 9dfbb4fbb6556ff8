/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import { formatKrw } from '../config.ts';
import { seoulTime } from '../purchase/order-words.ts';
import { api, apiFile, messageOf } from './api.ts';
import { download } from './csv-download.ts';
import { type Balance, parseBalance, parseStatementLines, type StatementLine } from './purchase-api.ts';
import { payoutStatusName, seoulToday } from './purchase-text.ts';
import { Loading, Notice, shortDate } from './ui.tsx';

const day = (iso: string | null): string => (iso ? shortDate(iso.slice(0, 10)) : '-');
const kindNames: Record<string, string> = { fulfilment_completed: '판매(구매확정)', payout: '정산 지급' };
const orDash = (amount: number | null): string => (amount === null ? '-' : formatKrw(amount));

function BalancePanel(props: { balance: Balance }) {
  const { balance } = props;
  const next = balance.upcomingPayout;
  return (
    <section class="panel" data-balance aria-labelledby="balance-title">
      <h2 id="balance-title">정산금</h2>
      <dl class="counts">
        <dt>지급 예정</dt>
        <dd data-balance-available>{formatKrw(balance.available)}</dd>
        <dt>구매확정 대기</dt>
        <dd>{formatKrw(balance.pending)}</dd>
        <dt>보류</dt>
        <dd>{formatKrw(balance.onHold)}</dd>
      </dl>
      <p class="muted">손님이 구매를 확정한 주문부터 지급 예정 금액에 들어가요. 매주 한 번 정산해 보내 드려요.</p>
      {next ? (
        <p data-upcoming-payout>
          다음 지급: <strong>{formatKrw(next.amount)}</strong>
          {next.scheduledFor ? ` · ${day(next.scheduledFor)}` : ''} · {payoutStatusName(next.status)}
        </p>
      ) : (
        <p class="muted">예정된 지급이 아직 없어요.</p>
      )}
    </section>
  );
}

/** Balance, the next payout and the statement's lines (sales at 구매확정, payouts), with a CSV for the farm's bookkeeping. */
export function SettlementPage(props: { farmId: string }) {
  const [balance, setBalance] = useState<Balance | null>(null);
  const [statements, setStatements] = useState<StatementLine[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const base = `/v1/farms/${props.farmId}`;

  useEffect(() => {
    Promise.all([api('payments', `${base}/balance`), api('payments', `${base}/statements`)])
      .then(([balanceBody, statementsBody]) => {
        setBalance(parseBalance(balanceBody));
        setStatements(parseStatementLines(statementsBody));
      })
      .catch((failure: unknown) => setMessage({ kind: 'error', text: messageOf(failure) }));
  }, [base]);

  const save = async () => {
    setSaving(true);
    const fileName = `정산내역-${seoulToday()}.csv`;
    try {
      download(await apiFile('payments', `${base}/statements?format=csv`, 'text/csv'), fileName);
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    } finally {
      setSaving(false);
    }
  };

  if (!balance || !statements) return message ? <Notice kind="error">{message.text}</Notice> : <Loading />;
  return (
    <>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <BalancePanel balance={balance} />
      <section aria-labelledby="statements-title">
        <h2 id="statements-title">정산 내역</h2>
        {statements.length === 0 ? (
          <p class="muted">아직 정산 내역이 없어요. 손님이 구매를 확정하면 그 판매가 여기에 적혀요.</p>
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
                    <th scope="col">구분</th>
                    <th scope="col">판매액</th>
                    <th scope="col">수수료</th>
                    <th scope="col">정산액</th>
                    <th scope="col">잔액</th>
                  </tr>
                </thead>
                <tbody>
                  {statements.map((line) => (
                    <tr key={line.entryId} data-statement-line={line.kind}>
                      <td>{seoulTime(line.postedAt)}</td>
                      <td>{kindNames[line.kind] ?? line.description}</td>
                      <td>{orDash(line.grossAmount)}</td>
                      <td>{orDash(line.commission)}</td>
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
