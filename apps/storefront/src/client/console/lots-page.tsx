/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import { type LotState, lotRows, lotState, lotStateNames, offerName, useInventory } from './inventory.ts';
import { LotCard } from './lot-card.tsx';
import { Loading, Notice } from './ui.tsx';

interface Filters {
  offerId: string;
  from: string;
  to: string;
  state: LotState | '';
}

const SHOWN_LOTS = 100;

/** Every lot of the farm, newest harvest first, filtered by offer, harvest date and stock state. */
export function LotsPage(props: { farmId: string }) {
  const { inventory, error, reload } = useInventory(props.farmId);
  const [filters, setFilters] = useState<Filters>({ offerId: '', from: '', to: '', state: '' });
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!inventory) return <Loading />;

  const rows = lotRows(inventory)
    .filter(({ lot, offer }) => {
      if (filters.offerId && offer.id !== filters.offerId) return false;
      if (filters.from && lot.harvestedOn < filters.from) return false;
      if (filters.to && lot.harvestedOn > filters.to) return false;
      return !filters.state || lotState(lot) === filters.state;
    })
    .sort((a, b) => b.lot.harvestedOn.localeCompare(a.lot.harvestedOn) || a.lot.lotCode.localeCompare(b.lot.lotCode));
  const set = (name: keyof Filters) => (event: Event) =>
    setFilters({ ...filters, [name]: (event.currentTarget as HTMLInputElement).value });

  return (
    <>
      <form class="console-filters" aria-label="로트 거르기" onSubmit={(event: Event) => event.preventDefault()}>
        <div class="field">
          <label for="filter-offer">상품</label>
          <select id="filter-offer" onChange={set('offerId')}>
            <option value="">전체</option>
            {inventory.products.flatMap((product) =>
              product.offers.map((offer) => (
                <option value={offer.id} selected={filters.offerId === offer.id}>
                  {offerName(product, offer)}
                </option>
              )),
            )}
          </select>
        </div>
        <div class="field">
          <label for="filter-from">수확일 (부터)</label>
          <input id="filter-from" type="date" value={filters.from} onChange={set('from')} />
        </div>
        <div class="field">
          <label for="filter-to">수확일 (까지)</label>
          <input id="filter-to" type="date" value={filters.to} onChange={set('to')} />
        </div>
        <div class="field">
          <label for="filter-state">상태</label>
          <select id="filter-state" onChange={set('state')} data-filter-state>
            <option value="">전체</option>
            {(Object.keys(lotStateNames) as LotState[]).map((state) => (
              <option value={state} selected={filters.state === state}>
                {lotStateNames[state]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p class="muted" aria-live="polite">
        로트 {rows.length.toLocaleString('ko-KR')}개
      </p>
      {rows.length === 0 ? (
        <Notice kind="info">
          조건에 맞는 로트가 없어요. 거르기 조건을 바꾸거나 <a href="/farmer/batches/">수확 등록</a>에서 올려 주세요.
        </Notice>
      ) : (
        <ul class="cards" data-lot-list>
          {rows.slice(0, SHOWN_LOTS).map((row) => (
            <LotCard key={row.lot.id} farmId={props.farmId} row={row} onChanged={reload} />
          ))}
        </ul>
      )}
      {rows.length > SHOWN_LOTS ? (
        <p class="muted">처음 {SHOWN_LOTS}개만 보여요. 상품이나 날짜로 좁혀 보세요.</p>
      ) : null}
    </>
  );
}
