/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import { formatKrw } from '../config.ts';
import { ApiError, api, apiFile, messageOf } from './api.ts';
import { download } from './csv-download.ts';
import { type Balance, parseBalance, parseStatements, type Statement } from './purchase-api.ts';
import { payoutStatusName, seoulToday } from './purchase-text.ts';
import { statementsCsv } from './statements-csv.ts';
import { Loading, Notice, shortDate } from './ui.tsx';

const period = (statement: Statement): string =>
  statement.periodStart && statement.periodEnd
    ? `${shortDate(statement.periodStart.slice(0, 10))}~${shortDate(statement.periodEnd.slice(0, 10))}`
    : '-';
const day = (iso: string | null): string => (iso ? shortDate(iso.slice(0, 10)) : '-');

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

/** Balance, the next payout and every statement, with a CSV for the farm's bookkeeping. */
export function SettlementPage(props: { farmId: string }) {
  const [balance, setBalance] = useState<Balance | null>(null);
  const [statements, setStatements] = useState<Statement[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const base = `/v1/farms/${props.farmId}`;

  useEffect(() => {
    Promise.all([api('payments', `${base}/balance`), api('payments', `${base}/statements`)])
      .then(([balanceBody, statementsBody]) => {
        setBalance(parseBalance(balanceBody));
        setStatements(parseStatements(statementsBody));
      })
      .catch((failure: unknown) => setMessage({ kind: 'error', text: messageOf(failure) }));
  }, [base]);

  const save = async () => {
    setSaving(true);
    const fileName = `정산내역-${seoulToday()}.csv`;
    try {
      download(await apiFile('payments', `${base}/statements?format=csv`, 'text/csv'), fileName);
    } catch (failure) {
      // A payments without the CSV yet: the same rows, made from what is on screen.
      if (failure instanceof ApiError && [400, 404, 406, 415, 422].includes(failure.status) && statements) {
        download(statementsCsv(statements), fileName);
      } else {
        setMessage({ kind: 'error', text: messageOf(failure) });
      }
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
          <p class="muted">아직 정산 내역이 없어요. 첫 구매확정 뒤 주간 정산에서 만들어져요.</p>
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
                    <th scope="col">기간</th>
                    <th scope="col">지급일</th>
                    <th scope="col">판매</th>
                    <th scope="col">환불</th>
                    <th scope="col">수수료</th>
                    <th scope="col">PG 수수료</th>
                    <th scope="col">배송비</th>
                    <th scope="col">지급액</th>
                    <th scope="col">상태</th>
                  </tr>
                </thead>
                <tbody>
                  {statements.map((statement) => (
                    <tr key={statement.id} data-statement={statement.id}>
                      <td>{period(statement)}</td>
                      <td>{day(statement.payoutDate)}</td>
                      <td>{formatKrw(statement.sales)}</td>
                      <td>{formatKrw(statement.refunds)}</td>
                      <td>{formatKrw(statement.commission)}</td>
                      <td>{formatKrw(statement.pgFee)}</td>
                      <td>{formatKrw(statement.deliveryFee)}</td>
                      <td>
                        <strong>{formatKrw(statement.net)}</strong>
                      </td>
                      <td>{payoutStatusName(statement.status)}</td>
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
