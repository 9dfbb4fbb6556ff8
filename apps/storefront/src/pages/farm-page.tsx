/** @jsxImportSource hono/jsx */
import type { Farm, Product } from '../catalog/schemas.ts';
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { Breadcrumbs, Photos, ProductCard } from './components.tsx';
import { Layout } from './layout.tsx';

const certificationNames: Record<string, string> = {
  GAP: 'GAP 우수관리인증',
  무농약: '무농약 인증',
  유기농: '유기농 인증',
};

export function FarmPage({ context, farm, products }: { context: RenderContext; farm: Farm; products: Product[] }) {
  const region = `${farm.regionSido} ${farm.regionSigungu}`;
  const story = farm.story.trim();
  return (
    <Layout
      context={context}
      title={`${farm.name} (${region})`}
      description={story ? story.slice(0, 120) : `${region}의 ${farm.name}에서 바로 보내는 제철 과일`}
      path={paths.farm(farm.id)}
      ogType="website"
      {...(farm.photos[0]?.variants.at(-1)?.url ? { ogImage: farm.photos[0]?.variants.at(-1)?.url } : {})}
    >
      <Breadcrumbs items={[{ href: paths.home, label: '홈' }, { label: farm.name }]} />
      <h1>{farm.name}</h1>
      <p class="muted">{region}</p>
      <Photos photos={farm.photos} label={`${farm.name} 사진`} />
      {farm.certifications.length > 0 ? (
        <>
          <h2>인증</h2>
          <ul>
            {farm.certifications.map((certification) => (
              <li>
                {certificationNames[certification.kind] ?? certification.kind}{' '}
                <span class="muted">(제{certification.number}호)</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>농장 이야기</h2>
      {story ? (
        story.split(/\n+/).map((paragraph) => <p>{paragraph}</p>)
      ) : (
        <p class="muted">농장 이야기를 준비하고 있어요.</p>
      )}
      <h2>이 농장의 과일</h2>
      {products.length === 0 ? (
        <p class="muted">지금은 판매 중인 과일이 없어요.</p>
      ) : (
        <ul class="cards">
          {products.map((product) => (
            <ProductCard product={product} farm={farm} />
          ))}
        </ul>
      )}
    </Layout>
  );
}
