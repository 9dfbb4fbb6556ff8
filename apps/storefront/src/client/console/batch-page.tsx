/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import { api, messageOf } from './api.ts';
import { BatchPreview, RowErrors } from './batch-results.tsx';
import type { BatchImport, BatchPlan, BatchProblem, RowError } from './batch-types.ts';
import { FileDrop } from './file-drop.tsx';
import { Notice, Progress } from './ui.tsx';
import { upload } from './upload.ts';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string; sent: number | null }
  | { kind: 'preview'; file: File; plan: BatchPlan }
  | { kind: 'invalid'; fileName: string; errors: RowError[] }
  | { kind: 'importing'; fileName: string; sent: number | null; job: BatchImport | null }
  | { kind: 'done'; job: BatchImport; again?: boolean }
  | { kind: 'failed'; message: string };

const POLL_MS = 400;
const ACCEPTED = /\.(csv|xlsx)$/i;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Harvest batch upload: check the file (a dry run), show the plan or the row errors, import on confirm. */
export function BatchPage(props: { farmId: string }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const base = `/v1/farms/${props.farmId}/batch-imports`;

  const formOf = (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return form;
  };

  const check = async (file: File) => {
    if (!ACCEPTED.test(file.name)) {
      setStep({ kind: 'failed', message: 'CSV나 XLSX(엑셀) 파일만 올릴 수 있어요. 위의 양식을 내려받아 채워 주세요.' });
      return;
    }
    setStep({ kind: 'checking', fileName: file.name, sent: 0 });
    try {
      const answer = await upload<BatchImport & BatchProblem>(
        'catalog',
        `${base}?dryRun=true`,
        formOf(file),
        (sent) =>
          // Once every byte is sent the server is checking: the bar turns indeterminate.
          setStep({ kind: 'checking', fileName: file.name, sent: sent < 1 ? sent : null }),
        [422],
      );
      if (answer.status === 422) {
        setStep({ kind: 'invalid', fileName: file.name, errors: answer.body.errors ?? [] });
      } else if (answer.body.plan) {
        setStep({ kind: 'preview', file, plan: answer.body.plan });
      } else {
        // The same file again: the catalog answers with the import it already did.
        setStep({ kind: 'done', job: answer.body, again: true });
      }
    } catch (error) {
      setStep({ kind: 'failed', message: messageOf(error) });
    }
  };

  const follow = async (job: BatchImport): Promise<BatchImport> => {
    let current = job;
    while (current.status === 'running') {
      setStep({ kind: 'importing', fileName: current.fileName, sent: null, job: current });
      await sleep(POLL_MS);
      current = await api<BatchImport>('catalog', `${base}/${current.id}`);
    }
    return current;
  };

  const confirm = async (file: File) => {
    setStep({ kind: 'importing', fileName: file.name, sent: 0, job: null });
    try {
      const answer = await upload<BatchImport & BatchProblem>(
        'catalog',
        base,
        formOf(file),
        (sent) => setStep({ kind: 'importing', fileName: file.name, sent: sent < 1 ? sent : null, job: null }),
        [422],
      );
      if (answer.status === 422) {
        setStep({ kind: 'invalid', fileName: file.name, errors: answer.body.errors ?? [] });
        return;
      }
      const finished = await follow(answer.body);
      if (finished.status === 'failed') setStep({ kind: 'invalid', fileName: file.name, errors: finished.errors });
      else setStep({ kind: 'done', job: finished });
    } catch (error) {
      setStep({ kind: 'failed', message: messageOf(error) });
    }
  };

  const busy = step.kind === 'checking' || step.kind === 'importing';

  return (
    <>
      <section aria-labelledby="template-title">
        <h2 id="template-title">1. 양식 내려받기</h2>
        <p>첫 줄의 제목은 그대로 두고, 예시 행을 지운 뒤 수확한 로트를 한 줄에 하나씩 적어 주세요.</p>
        <p class="actions">
          <a class="button secondary" href="/farmer/templates/harvest-batch-template.xlsx" download>
            엑셀 양식 (XLSX)
          </a>
          <a class="button secondary" href="/farmer/templates/harvest-batch-template.csv" download>
            CSV 양식
          </a>
        </p>
      </section>
      <section aria-labelledby="upload-title">
        <h2 id="upload-title">2. 파일 올리기</h2>
        <FileDrop
          hint="CSV(UTF-8 또는 엑셀에서 저장한 CP949)나 XLSX, 5MB · 2만 행까지"
          accept=".csv,.xlsx"
          disabled={busy}
          marker="batch-file"
          onFile={(file) => void check(file)}
        />
      </section>
      <div aria-live="polite">
        {step.kind === 'checking' ? (
          <Progress
            label={step.sent === null ? `${step.fileName} 검사 중…` : `${step.fileName} 올리는 중`}
            value={step.sent}
          />
        ) : null}
        {step.kind === 'importing' ? (
          <Progress
            label={
              step.job
                ? `등록 중 (${step.job.processedRows.toLocaleString('ko-KR')} / ${step.job.totalRows.toLocaleString('ko-KR')}행)`
                : step.sent === null
                  ? `${step.fileName} 등록 시작하는 중…`
                  : `${step.fileName} 올리는 중`
            }
            value={step.job ? step.job.processedRows / Math.max(step.job.totalRows, 1) : step.sent}
          />
        ) : null}
        {step.kind === 'failed' ? <Notice kind="error">{step.message}</Notice> : null}
        {step.kind === 'invalid' ? <RowErrors errors={step.errors} fileName={step.fileName} /> : null}
        {step.kind === 'preview' ? (
          <>
            <Notice kind="ok">
              파일에 오류가 없어요. 아래 내용을 확인하고 등록해 주세요. 아직 아무것도 등록하지 않았어요.
            </Notice>
            <BatchPreview plan={step.plan} />
            <p class="actions">
              <button type="button" data-confirm-import onClick={() => confirm(step.file)}>
                이대로 등록하기
              </button>
              <button type="button" class="secondary" onClick={() => setStep({ kind: 'idle' })}>
                취소
              </button>
            </p>
          </>
        ) : null}
        {step.kind === 'done' ? (
          <Notice kind="ok">
            {step.again ? '이 파일은 이미 등록했어요. 같은 내용은 두 번 등록하지 않아요. ' : null}
            <span data-import-done>
              등록했어요: 로트 {step.job.lotsCreated.toLocaleString('ko-KR')}개, 새 상품 {step.job.productsCreated}개,
              새 판매 옵션 {step.job.offersCreated}개, 가격 변경 {step.job.pricesChanged}건.
            </span>{' '}
            몇 초 안에 가게에 보여요. <a href="/farmer/lots/">로트 보기</a>
          </Notice>
        ) : null}
      </div>
    </>
  );
}
