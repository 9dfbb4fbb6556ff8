import type { KitEnv } from '@fruitables/kit';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type CatalogSource, CatalogUnavailable } from '../catalog/catalog-source.ts';
import type { PageStore } from '../site/page-store.ts';
import { paths } from '../site/paths.ts';
import { renderLotPage } from '../site/render-pages.tsx';
import { cachePolicies, contentTypes } from '../site/rendered-page.ts';
import type { Site } from '../site/site.ts';
import { batchTemplateCsv, batchTemplateXlsx } from './batch-template.ts';
import { notFoundKeys } from './not-found.ts';
import { contentSecurityPolicy, servePage, serveRendered } from './page-response.ts';

export interface OriginDeps {
  site: Site;
  store: PageStore;
  source: CatalogSource;
}

const LOT_PATH = /^\/farms\/([0-9a-f-]{36})\/lots\/([^/]{1,120})\/?$/;

function notFound(c: Context<KitEnv>, store: PageStore, path: string, csp: string): Response {
  const page = store.lookup(paths.notFound);
  const keys = notFoundKeys(path).join(' ');
  if (!page) {
    return c.text('페이지를 찾을 수 없어요.', 404, { 'cache-control': cachePolicies.notFound, xkey: keys });
  }
  return servePage({ ...page, keys, cache: 'notFound' }, undefined, csp, 404);
}

async function lotPage(
  c: Context<KitEnv>,
  deps: OriginDeps,
  csp: string,
  farmId: string,
  encodedCode: string,
): Promise<Response> {
  let lotCode: string;
  try {
    lotCode = decodeURIComponent(encodedCode);
  } catch {
    return notFound(c, deps.store, c.req.path, csp);
  }
  try {
    const lot = await deps.source.getLot(farmId, lotCode);
    if (!lot) return notFound(c, deps.store, c.req.path, csp);
    return serveRendered(renderLotPage(deps.site.renderContext(), lot), c.req.header('if-none-match'), csp);
  } catch (error) {
    if (!(error instanceof CatalogUnavailable)) throw error;
    c.var.logger.warn({ err: error }, 'lot page: catalog unavailable');
    // Not cached: the edge keeps serving its stale copy if it has one, and asks again soon.
    return c.text('이력 정보를 잠시 불러올 수 없어요. 잠시 후 다시 시도해 주세요.', 503, {
      'cache-control': 'no-store',
      'retry-after': '30',
      'content-type': contentTypes.text,
    });
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The batch upload templates, made per request: the example row is dated today (Seoul). */
function batchTemplate(c: Context<KitEnv>, now: Date, kind: 'csv' | 'xlsx'): Response {
  const today = now.toLocaleDateString('en-CA', { timeZone: 'Asia/Seoul' });
  const body = kind === 'csv' ? batchTemplateCsv(today) : batchTemplateXlsx(today);
  const fileName = `수확배치-양식.${kind}`;
  return c.body(body, 200, {
    'content-type': kind === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
    'content-disposition': `attachment; filename="harvest-batch-template.${kind}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'cache-control': cachePolicies.console,
  });
}

/**
 * The static origin: every GET is a file of the current build, a lot page rendered on
 * request, a redirect to the path with its trailing slash, or the shop's 404 page.
 */
export function registerOriginRoutes(app: OpenAPIHono<KitEnv>, deps: OriginDeps): void {
  // Assets (and so the inline stylesheet's hash) are built once per process.
  const csp = contentSecurityPolicy(deps.site.renderContext().assets.style.hash);
  const paymentCsp = contentSecurityPolicy(deps.site.renderContext().assets.style.hash, 'payment');
  app.on(['GET', 'HEAD'], '*', async (c) => {
    const path = new URL(c.req.url).pathname;
    // Before the first build there is nothing to serve; saying 404 would get cached.
    if (!deps.site.isBuilt()) {
      return c.text('준비 중이에요. 잠시 후 다시 열어 주세요.', 503, {
        'cache-control': 'no-store',
        'retry-after': '5',
      });
    }
    if (path === paths.farmer.templateCsv) return batchTemplate(c, deps.site.renderContext().now, 'csv');
    if (path === paths.farmer.templateXlsx) return batchTemplate(c, deps.site.renderContext().now, 'xlsx');
    const lot = LOT_PATH.exec(path);
    if (lot?.[1] && lot[2]) return lotPage(c, deps, csp, lot[1], lot[2]);
    const entry = deps.store.lookup(path);
    if (entry) return servePage(entry, c.req.header('if-none-match'), entry.csp === 'payment' ? paymentCsp : csp);
    if (!path.endsWith('/') && deps.store.lookup(`${path}/`)) {
      const query = new URL(c.req.url).search;
      return c.body(null, 301, {
        location: `${path}/${query}`,
        'cache-control': cachePolicies.page,
        xkey: notFoundKeys(path).join(' '),
      });
    }
    return notFound(c, deps.store, path, csp);
  });
}
