/** @jsxImportSource hono/jsx */
import { certificationKinds, type Farm, type Product } from '../catalog/schemas.ts';
import { gradeLabels, gradeOrder } from '../format/korean.ts';
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { freshestHarvest } from '../site/site-data.ts';
import { Breadcrumbs, CARDS_ABOVE_THE_FOLD, ProductCard } from './components.tsx';
import { Layout, scriptJson } from './layout.tsx';

/** The listing's filter index: what client/listing.ts filters and sorts on, one row per product. */
export function listingIndex(products: Product[], farms: Map<string, Farm>) {
  return products.map((product) => {
    const farm = farms.get(product.farmId);
    return {
      id: product.id,
      variety: product.variety,
      sido: farm?.regionSido ?? '',
      certifications: farm?.certifications.map((c) => c.kind) ?? [],
      harvestedOn: freshestHarvest(product)?.harvestedOn ?? null,
      offers: product.offers.map((offer) => ({
        grade: offer.grade,
        priceKrw: offer.priceKrw,
        stockState: offer.stockState,
      })),
    };
  });
}

const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, 'ko'));

function Filters({ products, farms }: { products: Product[]; farms: Map<string, Farm> }) {
  const varieties = distinct(products.map((product) => product.variety));
  const regions = distinct(products.map((product) => farms.get(product.farmId)?.regionSido ?? ''));
  // A closed disclosure from the first paint: the products stay above the fold on a phone,
  // and the script revealing the form inside it moves nothing (no layout shift).
  return (
    <details class="filters">
      <summary>필터 · 정렬</summary>
      <form data-filters hidden>
        <fieldset>
          <legend>등급</legend>
          {gradeOrder.map((grade) => (
            <label>
              <input type="checkbox" name="grade" value={grade} />
              {gradeLabels[grade]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>인증</legend>
          {certificationKinds.map((kind) => (
            <label>
              <input type="checkbox" name="certification" value={kind} />
              {kind}
            </label>
          ))}
        </fieldset>
        <label for="filter-variety">품종</label>
        <select id="filter-variety" name="variety">
          <option value="">전체</option>
          {varieties.map((variety) => (
            <option value={variety}>{variety}</option>
          ))}
        </select>
        <label for="filter-region">지역</label>
        <select id="filter-region" name="sido">
          <option value="">전국</option>
          {regions.map((region) => (
            <option value={region}>{region}</option>
          ))}
        </select>
        <label for="filter-min">최저 가격 (원)</label>
        <input id="filter-min" name="minPrice" type="number" inputmode="numeric" min="0" step="1000" />
        <label for="filter-max">최고 가격 (원)</label>
        <input id="filter-max" name="maxPrice" type="number" inputmode="numeric" min="0" step="1000" />
        <fieldset>
          <legend>재고</legend>
          <label>
            <input type="checkbox" name="inStock" />
            지금 살 수 있는 상품만
          </label>
        </fieldset>
        <label for="filter-sort">정렬</label>
        <select id="filter-sort" name="sort">
          <option value="recommended">추천순</option>
          <option value="price_asc">낮은 가격순</option>
          <option value="price_desc">높은 가격순</option>
          <option value="newest_harvest">최근 수확순</option>
        </select>
        <p>
          <button type="reset">필터 초기화</button>
        </p>
      </form>
      <noscript>
        <p class="muted">필터와 정렬은 자바스크립트가 켜져 있어야 써요. 아래에 모든 상품이 있어요.</p>
      </noscript>
    </details>
  );
}

export function ListingPage({
  context,
  fruit,
  products,
  farms,
}: {
  context: RenderContext;
  fruit: string;
  products: Product[];
  farms: Map<string, Farm>;
}) {
  return (
    <Layout
      context={context}
      title={`${fruit} 산지직송`}
      description={`농장에서 바로 보내는 ${fruit} ${products.length}가지: 등급, 지역, 가격, 인증으로 골라 보세요.`}
      path={paths.listing(fruit)}
      script="listing"
    >
      <Breadcrumbs
        items={[{ href: paths.home, label: '홈' }, { href: paths.fruits, label: '과일' }, { label: fruit }]}
      />
      <h1>{fruit}</h1>
      <p class="muted" data-listing-count aria-live="polite">
        {products.length}개 상품
      </p>
      <Filters products={products} farms={farms} />
      <ul class="cards" data-listing>
        {products.map((product, index) => (
          <ProductCard product={product} farm={farms.get(product.farmId)} eager={index < CARDS_ABOVE_THE_FOLD} />
        ))}
      </ul>
      <script
        type="application/json"
        id="listing-index"
        dangerouslySetInnerHTML={{ __html: scriptJson(listingIndex(products, farms)) }}
      />
    </Layout>
  );
}

export function FruitsPage({
  context,
  fruits,
}: {
  context: RenderContext;
  fruits: { fruit: string; count: number }[];
}) {
  return (
    <Layout
      context={context}
      title="과일 전체"
      description="지금 농장에서 바로 살 수 있는 과일을 품목별로 모았어요."
      path={paths.fruits}
    >
      <Breadcrumbs items={[{ href: paths.home, label: '홈' }, { label: '과일' }]} />
      <h1>과일 전체</h1>
      <ul class="chips">
        {fruits.map(({ fruit, count }) => (
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
