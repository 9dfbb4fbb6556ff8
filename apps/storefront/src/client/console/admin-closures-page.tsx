/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import { type Closure, readClosures } from '../answers/logistics.ts';
import { api, messageOf, readAnswer } from './api.ts';
import { seoulToday } from './purchase-text.ts';
import { Loading, Notice, shortDate } from './ui.tsx';

const PATH = '/v1/admin/closures';

const scopeNames: Record<Closure['scope'], string> = { all: '집하·배송 모두', dispatch: '집하만', delivery: '배송만' };
const daysOf = (closure: Closure): string =>
  closure.startsOn === closure.endsOn
    ? shortDate(closure.startsOn)
    : `${shortDate(closure.startsOn)}~${shortDate(closure.endsOn)}`;

/**
 * Days nothing ships (a typhoon, a courier strike), on top of the committed holidays:
 * logistics moves every promise past them at once. Listed, added and removed here.
 */
export function AdminClosuresPage() {
  const [items, setItems] = useState<Closure[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    try {
      const closures = readAnswer(readClosures, await api('logistics', PATH));
      setItems(closures.sort((a, b) => a.startsOn.localeCompare(b.startsOn)));
    } catch (failure) {
      setItems(items ?? []);
      setMessage({ kind: 'error', text: messageOf(failure) });
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      setMessage({ kind: 'ok', text: done });
      await load();
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  };

  const add = (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const date = String(form.get('date') ?? '');
    const reason = String(form.get('reason') ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setMessage({ kind: 'error', text: '휴무일을 골라 주세요.' });
      return;
    }
    if (!reason) {
      setMessage({ kind: 'error', text: '휴무 사유를 적어 주세요. 손님에게 배송일이 바뀐 이유로 보여요.' });
      return;
    }
    void act(
      async () => {
        // One whole day closed, for pick-ups and arrivals alike, platform-wide.
        await api('logistics', PATH, { method: 'POST', body: { startsOn: date, endsOn: date, scope: 'all', reason } });
        formElement.reset();
      },
      `${shortDate(date)}을 배송 휴무로 추가했어요. 그날의 배송 약속이 다음 날로 미뤄져요.`,
    );
  };

  return (
    <>
      <form class="inline-form" aria-labelledby="closure-add-title" onSubmit={add}>
        <h2 id="closure-add-title">휴무 추가</h2>
        <div class="field">
          <label for="closure-date">휴무일</label>
          <input id="closure-date" name="date" type="date" min={seoulToday()} required />
        </div>
        <div class="field">
          <label for="closure-reason">휴무 사유</label>
          <input id="closure-reason" name="reason" maxlength={200} autocomplete="off" placeholder="예: 태풍 상륙" />
        </div>
        <p class="actions">
          <button type="submit" disabled={busy}>
            휴무 추가
          </button>
        </p>
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <h2>배송 휴무</h2>
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p class="muted">공휴일 말고 따로 정한 휴무가 없어요.</p>
      ) : (
        <ul class="cards" data-closures>
          {items.map((closure) => (
            <li key={closure.id} class="panel" data-closure={closure.startsOn}>
              <p>
                <strong>{daysOf(closure)}</strong> · {scopeNames[closure.scope]}
                {closure.farmId ? ' · 한 농장만' : ''} · {closure.reason}
              </p>
              <p class="actions">
                <button
                  type="button"
                  class="secondary"
                  disabled={busy}
                  aria-label={`${daysOf(closure)} 휴무 삭제`}
                  onClick={() =>
                    act(
                      () => api('logistics', `${PATH}/${closure.id}`, { method: 'DELETE' }),
                      `${daysOf(closure)} 휴무를 지웠어요.`,
                    )
                  }
                >
                  삭제
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
