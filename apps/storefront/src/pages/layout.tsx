/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { deliveryPromise } from '../format/korean.ts';
import type { PageScript } from '../site/assets.ts';
import { paths } from '../site/paths.ts';
import { absoluteUrl, type RenderContext } from '../site/render-context.ts';

export const SHOP_NAME = '프루터블즈';

export interface LayoutProps {
  context: RenderContext;
  title: string;
  description: string;
  /** The page's own path, for the canonical link and og:url. */
  path: string;
  /** The island this page needs, besides the header's. */
  script?: PageScript;
  ogType?: 'website' | 'product' | 'article';
  ogImage?: string;
  jsonLd?: Record<string, unknown>;
  /** Personal and utility pages (cart, login) stay out of search engines. */
  noindex?: boolean;
  /** Linked stylesheets besides the inlined one (checkout's and my orders'). */
  stylesheets?: string[];
  /** The farm whose delivery promise the banner shows, asked live by the page's island (product pages). */
  promiseFarmId?: string;
  children: Child;
}

/** JSON inside <script>: `</` and U+2028/9 escaped so the data can never end the element early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

export interface DocumentProps {
  context: RenderContext;
  /** The whole <title>. */
  title: string;
  description: string;
  /** Islands this page loads besides the header's (`site`). */
  scripts: PageScript[];
  /** Linked stylesheets besides the inlined shop one (the console's). */
  stylesheets?: string[];
  /** Extra <head> content: canonical, Open Graph, JSON-LD. */
  head?: Child;
  /** data-* attributes for <body>, read by the islands. */
  bodyData?: Record<string, string>;
  children: Child;
}

/** The document every page shares: head, inlined stylesheet, islands and the skip link. */
export function Document(props: DocumentProps) {
  const { config, assets } = props.context;
  const bodyData = Object.fromEntries(
    Object.entries(props.bodyData ?? {}).map(([name, value]) => [`data-${name}`, value]),
  );
  return (
    <html lang="ko">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        {props.head}
        <meta name="theme-color" content="#1f6b3a" />
        <link rel="icon" href={assets.icon} type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: assets.style.css }} />
        {(props.stylesheets ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <script type="module" src={assets.scripts.site} />
        {props.scripts.map((script) => (
          <script type="module" src={assets.scripts[script]} />
        ))}
      </head>
      <body
        data-identity-api={config.identityApi}
        data-catalog-api={config.catalogApi}
        data-search-index={paths.searchIndex}
        {...bodyData}
      >
        <a class="skip" href="#main">
          본문 바로가기
        </a>
        {props.children}
      </body>
    </html>
  );
}

export function Layout(props: LayoutProps) {
  const { context } = props;
  const { config } = context;
  const fullTitle =
    props.path === '/' ? `${SHOP_NAME} | 농장에서 바로, 새벽에 문 앞까지` : `${props.title} | ${SHOP_NAME}`;
  const canonical = absoluteUrl(config, props.path);
  const head = (
    <>
      {props.noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={canonical} />}
      <meta property="og:site_name" content={SHOP_NAME} />
      <meta property="og:locale" content="ko_KR" />
      <meta property="og:type" content={props.ogType ?? 'website'} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={canonical} />
      {props.ogImage ? <meta property="og:image" content={absoluteUrl(config, props.ogImage)} /> : null}
      {props.jsonLd ? (
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(props.jsonLd) }} />
      ) : null}
    </>
  );
  return (
    <Document
      context={context}
      title={fullTitle}
      description={props.description}
      scripts={props.script ? [props.script] : []}
      stylesheets={props.stylesheets ?? []}
      head={head}
    >
      <header class="site-header">
        <div class="wrap">
          <a class="logo" href={paths.home}>
            {SHOP_NAME}
          </a>
          <nav class="nav" aria-label="주요 메뉴">
            <a href={paths.fruits}>과일</a>
            <a href={paths.search}>검색</a>
            <a href={paths.cart}>
              장바구니 <span class="count" data-cart-count hidden />
            </a>
            <a href={paths.login} data-account-link>
              로그인
            </a>
          </nav>
        </div>
      </header>
      {/* On a product page the island swaps in logistics' live promise for the farm; this
          copy is what a page without JavaScript (or before the answer) shows. */}
      <p class="promise" data-promise-farm={props.promiseFarmId}>
        <span aria-hidden="true">🚚 </span>
        <span data-promise-text>{deliveryPromise(config.deliveryCutoff, config.deliveryBy)}</span>
      </p>
      <main id="main" class="wrap">
        {props.children}
      </main>
      <footer class="site-footer">
        <div class="wrap">
          <p>{SHOP_NAME} · 농부가 올린 수확 그대로, 산지에서 바로 보내 드려요. 가격은 상자 단위, 부가세 포함입니다.</p>
          <p>
            <a href={paths.fruits}>과일 전체</a> · <a href={paths.search}>검색</a> · <a href={paths.account}>내 계정</a>
          </p>
        </div>
      </footer>
    </Document>
  );
}
