/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import { api, messageOf } from './api.ts';
import type { FarmerApplication } from './farmer-application.ts';
import { Loading, Notice } from './ui.tsx';

const brn = (digits: string) => `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;

function ApplicationCard(props: { application: FarmerApplication; onDecided: (message: string) => void }) {
  const { application } = props;
  const [rejecting, setRejecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (action: 'verify' | 'reject', body: unknown, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await api('identity', `/v1/admin/farmer-applications/${application.id}/${action}`, { method: 'POST', body });
      props.onDecided(done);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };
  const reject = (event: Event) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) {
      setError('반려 사유를 적어 주세요. 신청한 농부가 이 사유를 보고 고쳐서 다시 신청해요.');
      return;
    }
    void decide('reject', { reason }, `${application.farmName} 신청을 반려했어요.`);
  };
  return (
    <li class="panel" data-application={application.farmName}>
      <h3>{application.farmName}</h3>
      <dl class="facts">
        <dt>대표자</dt>
        <dd>{application.representativeName}</dd>
        <dt>사업자등록번호</dt>
        <dd>{brn(application.businessRegistrationNumber)}</dd>
        <dt>주소</dt>
        <dd>
          ({application.zoneCode}) {application.roadAddress}
        </dd>
        <dt>연락처</dt>
        <dd>{application.phone}</dd>
        <dt>정산 계좌</dt>
        <dd>
          {application.bankCode} ****{application.bankAccountLast4} ({application.bankAccountHolder})
        </dd>
        <dt>신청일</dt>
        <dd>{new Date(application.submittedAt).toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' })}</dd>
      </dl>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {rejecting ? (
        <form class="inline-form" onSubmit={reject}>
          <label for={`reason-${application.id}`}>반려 사유 (신청자에게 보여요)</label>
          <textarea id={`reason-${application.id}`} name="reason" rows={3} maxlength={500} />
          <p class="actions">
            <button type="submit" class="danger" disabled={busy} data-confirm-reject>
              반려하기
            </button>
            <button type="button" class="secondary" onClick={() => setRejecting(false)}>
              취소
            </button>
          </p>
        </form>
      ) : (
        <p class="actions">
          <button
            type="button"
            disabled={busy}
            data-verify
            onClick={() =>
              decide('verify', undefined, `${application.farmName}을(를) 승인했어요. 농장이 만들어졌어요.`)
            }
          >
            승인
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => setRejecting(true)}>
            반려
          </button>
        </p>
      )}
    </li>
  );
}

/** Pending farmer applications, oldest first, to verify or reject with a reason. */
export function AdminApplicationsPage() {
  const [items, setItems] = useState<FarmerApplication[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const load = () =>
    api<{ items: FarmerApplication[] }>('identity', '/v1/admin/farmer-applications?limit=100')
      .then((page) => setItems(page.items))
      .catch((failure: unknown) => setMessage({ kind: 'error', text: messageOf(failure) }));
  useEffect(() => {
    void load();
  }, []);
  if (!items) return message ? <Notice kind="error">{message.text}</Notice> : <Loading />;
  return (
    <>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {items.length === 0 ? <p class="muted">기다리는 신청이 없어요.</p> : null}
      <ul class="cards" data-applications>
        {items.map((application) => (
          <ApplicationCard
            key={application.id}
            application={application}
            onDecided={(text) => {
              setMessage({ kind: 'ok', text });
              void load();
            }}
          />
        ))}
      </ul>
    </>
  );
}
