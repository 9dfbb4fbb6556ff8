/** @jsxImportSource hono/jsx/dom */
import type { AdminFarm, FarmManager } from '@fruitables/identity/contract';
import { useEffect, useState } from 'hono/jsx/dom';
import { api, messageOf } from './api.ts';
import { Loading, Notice } from './ui.tsx';

type Manager = FarmManager;

interface FarmPage {
  items: AdminFarm[];
  nextCursor: string | null;
}

function ManagerLine(props: { manager: Manager; onChanged: (text: string) => void }) {
  const { manager } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const disabled = manager.status === 'disabled';
  const toggle = async () => {
    if (
      !disabled &&
      !confirm(`${manager.displayName}(${manager.email}) 계정을 정지할까요? 바로 로그아웃되고 로그인할 수 없어요.`)
    )
      return;
    setBusy(true);
    setError(null);
    try {
      await api('identity', `/v1/admin/accounts/${manager.accountId}/${disabled ? 'enable' : 'disable'}`, {
        method: 'POST',
        body: {},
      });
      props.onChanged(disabled ? `${manager.email} 계정을 다시 열었어요.` : `${manager.email} 계정을 정지했어요.`);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-manager={manager.email}>
      {manager.displayName} · {manager.email}{' '}
      <span class={`badge ${disabled ? 'badge-ended' : 'badge-selling'}`}>{disabled ? '정지됨' : '사용 중'}</span>{' '}
      <button
        type="button"
        class={disabled ? 'secondary' : 'danger'}
        disabled={busy}
        onClick={toggle}
        data-toggle-account
      >
        {disabled ? '정지 풀기' : '계정 정지'}
      </button>
      {error ? <Notice kind="error">{error}</Notice> : null}
    </li>
  );
}

/** Every farm with the accounts that run it; an admin can search and disable an account. */
export function AdminFarmsPage() {
  const [farms, setFarms] = useState<AdminFarm[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const load = async (q: string, after: string | null, previous: AdminFarm[]) => {
    const params = new URLSearchParams({ limit: '50' });
    if (q) params.set('q', q);
    if (after) params.set('after', after);
    try {
      const page = await api<FarmPage>('identity', `/v1/admin/farms?${params}`);
      setFarms([...previous, ...page.items]);
      setNext(page.nextCursor);
    } catch (failure) {
      setMessage({ kind: 'error', text: messageOf(failure) });
    }
  };
  useEffect(() => {
    void load('', null, []);
  }, []);

  const search = (event: Event) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim();
    setQuery(q);
    void load(q, null, []);
  };

  return (
    <>
      <form class="console-filters" aria-label="농장 찾기" onSubmit={search}>
        <div class="field">
          <label for="farm-q">농장 이름이나 이메일</label>
          <input id="farm-q" name="q" type="search" maxlength={100} value={query} />
        </div>
        <button type="submit">찾기</button>
      </form>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      {farms === null ? <Loading /> : null}
      {farms?.length === 0 ? <p class="muted">찾는 농장이 없어요. 이름 일부나 이메일로 다시 찾아 보세요.</p> : null}
      <ul class="cards" data-farms>
        {(farms ?? []).map((farm) => (
          <li class="panel" key={farm.id} data-farm={farm.name}>
            <h3>
              <a href={`/farms/${farm.id}/`}>{farm.name}</a>
            </h3>
            <p class="muted">{new Date(farm.createdAt).toLocaleDateString('ko-KR', { timeZone: 'Asia/Seoul' })} 입점</p>
            <ul>
              {farm.managers.map((manager) => (
                <ManagerLine
                  key={manager.accountId}
                  manager={manager}
                  onChanged={(text) => {
                    setMessage({ kind: 'ok', text });
                    void load(query, null, []);
                  }}
                />
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {next ? (
        <button type="button" class="secondary" onClick={() => load(query, next, farms ?? [])}>
          더 보기
        </button>
      ) : null}
    </>
  );
}
