/** @jsxImportSource hono/jsx */
import { toSeoulDate } from '@fruitables/core';
import type { Farm, Offer, Product } from '../catalog/schemas.ts';
import { deliveryPromise, formatBox, formatKrw, productName } from '../format/korean.ts';
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import type { SiteView } from '../site/site-data.ts';
import { CARDS_ABOVE_THE_FOLD, CardPhoto, lotFacts, ProductCard } from './components.tsx';
import { Layout } from './layout.tsx';

export const seoulMonth = (now: Date): number => Number(toSeoulDate(now).slice(5, 7));

/** 못난이 (ugly but as sweet) boxes on sale now, cheapest per kilo first. */
function uglyDeals(view: SiteView): { product: Product; offer: Offer }[] {
  return view.products
    .flatMap((product) =>
      product.offers
        .filter((offer) => offer.grade === '못난이' && offer.stockState !== 'sold_out')
        .map((offer) => ({ product, offer })),
    )
    .sort((a, b) => a.offer.priceKrw / a.offer.packKg - b.offer.priceKrw / b.offer.packKg)
    .slice(0, 6);
}

/** Farms with the most boxes a shopper can buy now (then by name): the ones worth a visit. */
function featuredFarms(view: SiteView): { farm: Farm; products: number }[] {
  return [...view.byFarm]
    .flatMap(([farmId, products]) => {
      const farm = view.data.farms.get(farmId);
      const buyable = products.filter((p) => p.offers.some((o) => o.stockState !== 'sold_out')).length;
      return farm && buyable > 0 ? [{ farm, products: buyable }] : [];
    })
    .sort((a, b) => b.products - a.products || a.farm.name.localeCompare(b.farm.name, 'ko'))
    .slice(0, 4);
}

function SeasonCalendar({ view, month }: { view: SiteView; month: number }) {
  const months = Array.from({ length: 12 }, (_, index) => index + 1);
  return (
    <ol class="months">
      {months.map((m) => {
        const fruits = [...new Set(view.products.filter((p) => p.seasonMonths.includes(m)).map((p) => p.fruit))];
        return (
          <li class={m === month ? 'now' : undefined} {...(m === month ? { 'aria-current': 'date' } : {})}>
            <strong>{m}월</strong>
            <br />
            {fruits.length === 0 ? (
              <span class="muted">준비 중</span>
            ) : (
              fruits.map((fruit, index) => (
                <>
                  {index > 0 ? ', ' : ''}
                  <a href={paths.listing(fruit)}>{fruit}</a>
                </>
              ))
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function HomePage({ context, view }: { context: RenderContext; view: SiteView }) {
  const month = seoulMonth(context.now);
  const inSeason = view.products.filter((product) => product.seasonMonths.includes(month)).slice(0, 8);
  const deals = uglyDeals(view);
  const farms = featuredFarms(view);
  const promise = deliveryPromise(context.config.deliveryCutoff, context.config.deliveryBy);
  return (
    <Layout
      context={context}
      title="농장에서 바로, 새벽에 문 앞까지"
      description={`제철 과일을 농장에서 바로. ${promise}.`}
      path={paths.home}
    >
      <h1>농장에서 바로, 새벽에 문 앞까지</h1>
      <p>
        농부가 오늘 딴 과일을 산지에서 바로 보내 드려요. <strong>{promise}</strong>해요.
      </p>
      <h2>{month}월 제철 과일</h2>
      {inSeason.length === 0 ? (
        <p class="muted">이번 달 제철 과일을 준비하고 있어요.</p>
      ) : (
        <ul class="cards">
          {inSeason.map((product, index) => (
            <ProductCard
              product={product}
              farm={view.data.farms.get(product.farmId)}
              eager={index < CARDS_ABOVE_THE_FOLD}
            />
          ))}
        </ul>
      )}
      <h2>못난이 특가</h2>
      <p class="muted">모양은 못나도 맛은 그대로. 흠집이나 크기 때문에 값을 낮췄어요.</p>
      {deals.length === 0 ? (
        <p class="muted">지금은 못난이 상자가 없어요.</p>
      ) : (
        <ul class="cards">
          {deals.map(({ product, offer }) => (
            <li class="card">
              <a class={product.photos[0] ? 'card-link card-link-photo' : 'card-link'} href={paths.product(product.id)}>
                <CardPhoto photo={product.photos[0]} eager={false} />
                <span class="card-text">
                  <strong>못난이 {productName(product)}</strong>
                  <span class="muted">
                    {view.data.farms.get(product.farmId)?.name ?? ''} · {formatBox(offer.packKg, offer.countPerBox)}
                  </span>
                  <span class="price">{formatKrw(offer.priceKrw)}</span>
                  <span class="muted">{lotFacts(offer)}</span>
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2>추천 농장</h2>
      <ul class="cards">
        {farms.map(({ farm, products }) => (
          <li class="card">
            <a class="card-link" href={paths.farm(farm.id)}>
              <strong>{farm.name}</strong>
              <span class="muted">
                {farm.regionSido} {farm.regionSigungu}
              </span>
              <span>
                판매 중인 과일 {products}가지
                {farm.certifications.length > 0 ? ` · ${farm.certifications.map((c) => c.kind).join(', ')}` : ''}
              </span>
            </a>
          </li>
        ))}
      </ul>
      <h2>달마다 제철</h2>
      <SeasonCalendar view={view} month={month} />
      <h2>과일별로 보기</h2>
      <ul class="chips">
        {view.fruits.map(({ fruit, count }) => (
          <li>
            <a href={paths.listing(fruit)}>
              {fruit} <span class="muted">{count}</span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
