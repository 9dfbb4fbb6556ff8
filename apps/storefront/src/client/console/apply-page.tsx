/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import { refreshSession } from '../session-store.ts';
import { ApiError, api, messageOf } from './api.ts';
import type { FarmerApplication } from './farmer-application.ts';
import { FormField, formValues } from './form-field.tsx';
import { fieldErrors } from './problem-text.ts';
import { Loading, Notice } from './ui.tsx';

// identity explains field problems in English; the farmer reads what to do in Korean.
const hints: Record<string, string> = {
  farmName: '농장 이름을 100자 이내로 적어 주세요.',
  representativeName: '대표자 이름을 사업자등록증과 같게 적어 주세요.',
  businessRegistrationNumber:
    '사업자등록번호 10자리를 사업자등록증과 똑같이 적어 주세요. 숫자 하나가 틀리면 확인되지 않아요.',
  roadAddress: '농장 도로명 주소를 적어 주세요 (예: 충청북도 충주시 산척면 …).',
  zoneCode: '우편번호 5자리를 숫자로 적어 주세요.',
  phone: '연락받을 전화번호를 적어 주세요 (예: 010-1234-5678).',
  bankCode: '정산받을 은행을 골라 주세요.',
  bankAccountNumber: '계좌번호를 숫자 10~16자리로 적어 주세요 (- 는 있어도 괜찮아요).',
  bankAccountHolder: '예금주 이름을 통장과 같게 적어 주세요.',
};

const banks: [string, string][] = [
  ['011', 'NH농협은행'],
  ['012', '지역농·축협'],
  ['004', 'KB국민은행'],
  ['088', '신한은행'],
  ['020', '우리은행'],
  ['081', '하나은행'],
  ['003', 'IBK기업은행'],
  ['071', '우체국'],
  ['090', '카카오뱅크'],
  ['092', '토스뱅크'],
];

const dateText = (iso: string) => new Date(iso).toLocaleDateString('ko-KR', { timeZone: 'Asia/Seoul' });

function ApplicationForm(props: {
  previous: FarmerApplication | null;
  onFiled: (application: FarmerApplication) => void;
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const previous = props.previous;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const filed = await api<FarmerApplication>('identity', '/v1/farmer-applications', {
        method: 'POST',
        body: formValues(event.currentTarget as HTMLFormElement),
      });
      props.onFiled(filed);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setErrors(fieldErrors(error.problem, hints));
      setMessage(error.status === 400 ? '빨간 글씨로 표시된 칸을 고친 뒤 다시 신청해 주세요.' : error.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form data-apply-form onSubmit={submit} novalidate>
      <FormField name="farmName" label="농장 이름" value={previous?.farmName} error={errors.farmName} />
      <FormField
        name="representativeName"
        label="대표자 이름"
        value={previous?.representativeName}
        error={errors.representativeName}
        autocomplete="name"
      />
      <FormField
        name="businessRegistrationNumber"
        label="사업자등록번호"
        value={previous?.businessRegistrationNumber}
        error={errors.businessRegistrationNumber}
        hint="예: 124-81-00998"
        inputmode="numeric"
      />
      <FormField
        name="roadAddress"
        label="농장 주소 (도로명)"
        value={previous?.roadAddress}
        error={errors.roadAddress}
      />
      <FormField
        name="zoneCode"
        label="우편번호"
        value={previous?.zoneCode}
        error={errors.zoneCode}
        inputmode="numeric"
      />
      <FormField
        name="phone"
        label="연락처"
        type="tel"
        value={previous?.phone}
        error={errors.phone}
        autocomplete="tel"
        inputmode="tel"
      />
      <div class="field">
        <label for="field-bankCode">정산 은행</label>
        <select id="field-bankCode" name="bankCode" required aria-describedby="field-bankCode-help">
          {banks.map(([code, name]) => (
            <option value={code} selected={previous?.bankCode === code}>
              {name}
            </option>
          ))}
        </select>
        <span id="field-bankCode-help" class="field-error">
          {errors.bankCode ?? ''}
        </span>
      </div>
      <FormField
        name="bankAccountNumber"
        label="계좌번호"
        error={errors.bankAccountNumber}
        hint="보안을 위해 다시 신청할 때도 새로 적어 주세요."
        inputmode="numeric"
      />
      <FormField
        name="bankAccountHolder"
        label="예금주"
        value={previous?.bankAccountHolder}
        error={errors.bankAccountHolder}
      />
      {message ? <Notice kind="error">{message}</Notice> : null}
      <button type="submit" disabled={busy}>
        {busy ? '보내는 중…' : '판매 신청하기'}
      </button>
    </form>
  );
}

/** Apply to sell, follow the application, and apply again after a rejection. */
export function ApplyPage(props: { isFarmer: boolean }) {
  const [application, setApplication] = useState<FarmerApplication | null | undefined>(undefined);
  const [reapplying, setReapplying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<FarmerApplication>('identity', '/v1/me/farmer-application')
      .then(setApplication)
      .catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) setApplication(null);
        else setError(messageOf(failure));
      });
  }, []);

  const startSelling = async () => {
    // Verification revoked the old token; the refreshed one carries the farmer role.
    await refreshSession();
    location.assign('/farmer/');
  };

  if (error) return <Notice kind="error">{error}</Notice>;
  if (application === undefined) return <Loading />;
  if (application === null || reapplying) {
    return (
      <section>
        <p>농장 정보와 정산 계좌를 알려 주세요. 관리자가 사업자등록번호를 확인한 뒤 보통 하루 안에 승인해요.</p>
        <ApplicationForm
          previous={application}
          onFiled={(filed) => {
            setReapplying(false);
            setApplication(filed);
          }}
        />
      </section>
    );
  }
  return (
    <section data-application-status={application.status}>
      <dl class="facts">
        <dt>농장</dt>
        <dd>{application.farmName}</dd>
        <dt>신청일</dt>
        <dd>{dateText(application.submittedAt)}</dd>
        <dt>상태</dt>
        <dd>
          {application.status === 'pending' ? '심사 중' : application.status === 'verified' ? '승인됨' : '반려됨'}
        </dd>
      </dl>
      {application.status === 'pending' ? (
        <Notice kind="info">신청을 받았어요. 심사가 끝나면 이 화면에서 결과를 볼 수 있어요.</Notice>
      ) : null}
      {application.status === 'rejected' ? (
        <>
          <Notice kind="error">
            신청이 반려됐어요. 사유: <span data-rejection-reason>{application.rejectionReason ?? ''}</span>
          </Notice>
          <p>사유에 적힌 내용을 고친 뒤 다시 신청해 주세요.</p>
          <button type="button" onClick={() => setReapplying(true)}>
            다시 신청하기
          </button>
        </>
      ) : null}
      {application.status === 'verified' ? (
        <>
          <Notice kind="ok">승인됐어요! 이제 수확한 과일을 올려 팔 수 있어요.</Notice>
          <button type="button" data-start-selling onClick={startSelling}>
            {props.isFarmer ? '농장 관리로 가기' : '농장 관리 시작하기'}
          </button>
        </>
      ) : null}
    </section>
  );
}
