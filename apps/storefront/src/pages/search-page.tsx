/** @jsxImportSource hono/jsx */
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { Layout } from './layout.tsx';

/** Search runs in the browser over /data/search-index.json; this page is its frame. */
export function SearchPage({ context }: { context: RenderContext }) {
  return (
    <Layout
      context={context}
      title="검색"
      description="과일, 품종, 농장, 지역으로 찾아보세요. 초성(ㅅㄱ)으로도 찾을 수 있어요."
      path={paths.search}
      script="search"
    >
      <h1>검색</h1>
      <search>
        <form action={paths.search} method="get" data-search>
          <label for="q">찾는 과일, 품종, 농장, 지역</label>
          <input id="q" name="q" type="search" autocomplete="off" placeholder="예: 샤인, 제주 한라봉, ㅅㄱ" />
          <p>
            <button type="submit">검색</button>
          </p>
        </form>
      </search>
      <p class="muted" data-search-summary aria-live="polite" />
      <ul class="cards" data-search-results />
      <noscript>
        <p>
          검색은 자바스크립트가 필요해요. <a href={paths.fruits}>과일 목록</a>에서 둘러보세요.
        </p>
      </noscript>
    </Layout>
  );
}
