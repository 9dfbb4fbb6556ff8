/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import { readTrackingUploadResult } from '../answers/logistics.ts';
import { messageOf, readAnswer } from './api.ts';
import { RowErrors } from './batch-results.tsx';
import type { RowError } from './batch-types.ts';
import { FileDrop } from './file-drop.tsx';
import { Notice, Progress } from './ui.tsx';
import { upload } from './upload.ts';

/** The file as UTF-8 text: a CSV Excel saved in Korean Windows is CP949, which logistics does not read. */
async function csvText(file: File): Promise<Blob> {
  const bytes = await file.arrayBuffer();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('euc-kr').decode(bytes);
  }
  return new Blob([text], { type: 'text/csv;charset=utf-8' });
}

/** The 422 `tracking_upload_invalid` problem's row errors (nothing was saved). */
function rowErrorsOf(problem: unknown): RowError[] {
  const errors = (problem as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? errors.filter((error): error is RowError => typeof error?.row === 'number') : [];
}

type Step =
  | { kind: 'idle' }
  | { kind: 'sending'; fileName: string; sent: number | null }
  | { kind: 'invalid'; fileName: string; errors: RowError[] }
  | { kind: 'done'; shipped: number; unchanged: number }
  | { kind: 'failed'; message: string };

/** The courier's CSV of 송장번호 for many boxes at once; rows it cannot use are listed like a harvest upload's. */
export function TrackingUpload(props: { farmId: string; onShipped: () => Promise<void> }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const send = async (file: File) => {
    if (!/\.csv$/i.test(file.name)) {
      setStep({ kind: 'failed', message: 'CSV 파일만 올릴 수 있어요. 택배사 프로그램에서 CSV로 저장해 주세요.' });
      return;
    }
    setStep({ kind: 'sending', fileName: file.name, sent: 0 });
    try {
      const answer = await upload<unknown>(
        'logistics',
        `/v1/farms/${props.farmId}/shipments/tracking-upload`,
        await csvText(file),
        (sent) => setStep({ kind: 'sending', fileName: file.name, sent: sent < 1 ? sent : null }),
        [422],
      );
      if (answer.status === 422) {
        setStep({ kind: 'invalid', fileName: file.name, errors: rowErrorsOf(answer.body) });
        return;
      }
      const result = readAnswer(readTrackingUploadResult, answer.body);
      setStep({ kind: 'done', shipped: result.shipped, unchanged: result.unchanged });
      await props.onShipped();
    } catch (failure) {
      setStep({ kind: 'failed', message: messageOf(failure) });
    }
  };

  return (
    <section aria-labelledby="tracking-upload-title">
      <h2 id="tracking-upload-title">송장 파일 올리기</h2>
      <p>택배사 프로그램에서 내려받은 송장 CSV를 올리면 주문번호로 찾아 한 번에 출고 처리해요.</p>
      <FileDrop
        hint="송장 CSV (UTF-8 또는 엑셀에서 저장한 CP949)"
        accept=".csv"
        disabled={step.kind === 'sending'}
        marker="tracking-file"
        onFile={(file) => void send(file)}
      />
      <div aria-live="polite">
        {step.kind === 'sending' ? (
          <Progress
            label={step.sent === null ? `${step.fileName} 확인 중…` : `${step.fileName} 올리는 중`}
            value={step.sent}
          />
        ) : null}
        {step.kind === 'failed' ? <Notice kind="error">{step.message}</Notice> : null}
        {step.kind === 'invalid' ? (
          <RowErrors
            errors={step.errors}
            fileName={step.fileName}
            note="오류가 있는 파일은 한 상자도 출고 처리하지 않아요. 고친 뒤 다시 올려 주세요."
          />
        ) : null}
        {step.kind === 'done' ? (
          <Notice kind="ok">
            <span data-tracking-done>{step.shipped.toLocaleString('ko-KR')}상자를 출고 처리했어요.</span>
            {step.unchanged > 0 ? ` ${step.unchanged.toLocaleString('ko-KR')}상자는 이미 같은 송장번호였어요.` : ''}{' '}
            손님에게 배송 조회가 열려요.
          </Notice>
        ) : null}
      </div>
    </section>
  );
}
