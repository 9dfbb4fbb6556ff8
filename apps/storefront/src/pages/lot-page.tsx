/** @jsxImportSource hono/jsx */
import type { LotTrace } from '../catalog/schemas.ts';
import { formatMonthDay, formatPack, gradeLabels, productName } from '../format/korean.ts';
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { Breadcrumbs } from './components.tsx';
import { Layout } from './layout.tsx';

/** The page a box's QR code opens: where and when this fruit was picked, and how sweet it was. */
export function LotPage({ context, lot }: { context: RenderContext; lot: LotTrace }) {
  const name = productName(lot.product);
  const [year] = lot.harvestedOn.split('-');
  return (
    <Layout
      context={context}
      title={`이력 ${lot.lotCode} · ${name}`}
      description={`${lot.farm.name}(${lot.farm.regionSido} ${lot.farm.regionSigungu})에서 ${year}년 ${formatMonthDay(lot.harvestedOn)} 수확한 ${name}`}
      path={paths.lot(lot.farm.id, lot.lotCode)}
    >
      <Breadcrumbs
        items={[
          { href: paths.home, label: '홈' },
          { href: paths.farm(lot.farm.id), label: lot.farm.name },
          { label: `이력 ${lot.lotCode}` },
        ]}
      />
      <h1>이 상자의 이력</h1>
      <p>
        <a href={paths.product(lot.product.id)}>{name}</a>, <a href={paths.farm(lot.farm.id)}>{lot.farm.name}</a>
      </p>
      <dl class="facts">
        <dt>이력 번호</dt>
        <dd>{lot.lotCode}</dd>
        <dt>농장</dt>
        <dd>
          {lot.farm.name} ({lot.farm.regionSido} {lot.farm.regionSigungu})
        </dd>
        <dt>품목</dt>
        <dd>{name}</dd>
        <dt>등급 · 상자</dt>
        <dd>
          {gradeLabels[lot.offer.grade]} · {formatPack(lot.offer.packKg)}
        </dd>
        <dt>수확일</dt>
        <dd>
          <time datetime={lot.harvestedOn}>
            {year}년 {formatMonthDay(lot.harvestedOn)}
          </time>
        </dd>
        <dt>당도</dt>
        <dd>{lot.brix === null ? '측정하지 않음' : `${lot.brix} Brix`}</dd>
        <dt>수확량</dt>
        <dd>{lot.boxesHarvested}상자</dd>
      </dl>
      {lot.note ? (
        <>
          <h2>농부의 메모</h2>
          <p>{lot.note}</p>
        </>
      ) : null}
    </Layout>
  );
}
