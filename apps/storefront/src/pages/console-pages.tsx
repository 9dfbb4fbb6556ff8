/** @jsxImportSource hono/jsx */
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { Document, SHOP_NAME } from './layout.tsx';

// The farmer console and the admin pages: one static frame each, the same for everyone,
// served with no-store and passed by the edge. The console island (client/console.tsx)
// checks the role and renders the screen named by data-console-page.

type Area = 'farmer' | 'admin';

export interface ConsoleScreen {
  path: string;
  /** client/console.tsx's name for the screen. */
  screen: string;
  area: Area;
  title: string;
  /** One line under the title: what the page is for. */
  lead: string;
}

export const consoleScreens: ConsoleScreen[] = [
  {
    path: paths.farmer.dashboard,
    screen: 'dashboard',
    area: 'farmer',
    title: '오늘의 농장',
    lead: '무엇이 팔리고, 무엇이 모자라고, 무엇을 서둘러 팔아야 하는지 한눈에 봐요.',
  },
  {
    path: paths.farmer.batches,
    screen: 'batches',
    area: 'farmer',
    title: '수확 등록',
    lead: '엑셀이나 CSV 파일 하나로 수확한 로트를 한 번에 올려요.',
  },
  {
    path: paths.farmer.lots,
    screen: 'lots',
    area: 'farmer',
    title: '로트 관리',
    lead: '로트별 남은 상자를 고치고, 일찍 판매를 끝내고, 사진을 더해요.',
  },
  {
    path: paths.farmer.offers,
    screen: 'offers',
    area: 'farmer',
    title: '상품·가격',
    lead: '가격과 주문당 한도를 바꾸고 판매를 켜고 꺼요.',
  },
  {
    path: paths.farmer.orders,
    screen: 'fulfilments',
    area: 'farmer',
    title: '주문·포장',
    lead: '출고일별로 보낼 주문을 보고, 포장을 시작하고, 모자란 상자와 취소 요청을 처리해요.',
  },
  {
    path: paths.farmer.shipping,
    screen: 'shipping',
    area: 'farmer',
    title: '출고·송장',
    lead: '출고일의 포장 목록을 보고, 라벨을 인쇄하고, 송장번호를 하나씩 또는 파일로 넣어요.',
  },
  {
    path: paths.farmer.settlement,
    screen: 'settlement',
    area: 'farmer',
    title: '정산',
    lead: '받을 돈과 다음 지급일, 지난 정산 내역을 보고 CSV로 내려받아요.',
  },
  {
    path: paths.farmer.profile,
    screen: 'profile',
    area: 'farmer',
    title: '농장 정보',
    lead: '손님이 보는 농장 소개, 지역, 인증, 사진이에요.',
  },
  {
    path: paths.farmer.apply,
    screen: 'apply',
    area: 'farmer',
    title: '판매 신청',
    lead: '프루터블즈에서 과일을 팔려면 먼저 농장을 등록해 주세요.',
  },
  {
    path: paths.admin.applications,
    screen: 'admin-applications',
    area: 'admin',
    title: '입점 신청 심사',
    lead: '기다리는 농장 신청을 확인하고 승인하거나 사유와 함께 반려해요.',
  },
  {
    path: paths.admin.farms,
    screen: 'admin-farms',
    area: 'admin',
    title: '농장 목록',
    lead: '입점한 농장과 관리 계정을 찾고, 필요하면 계정을 정지해요.',
  },
  {
    path: paths.admin.orders,
    screen: 'admin-orders',
    area: 'admin',
    title: '주문 관리',
    lead: '주문을 찾아 자세히 보고, 필요하면 사유와 함께 환불해요.',
  },
  {
    path: paths.admin.closures,
    screen: 'admin-closures',
    area: 'admin',
    title: '배송 휴무',
    lead: '태풍이나 택배 파업처럼 공휴일 말고 배송을 쉬는 날을 정해요.',
  },
];

const navOf = (area: Area) => consoleScreens.filter((screen) => screen.area === area && screen.screen !== 'apply');

export function ConsolePage(props: { context: RenderContext; screen: ConsoleScreen }) {
  const { context, screen } = props;
  const areaName = screen.area === 'farmer' ? '농장 관리' : '관리자';
  return (
    <Document
      context={context}
      title={`${screen.title} | ${areaName} | ${SHOP_NAME}`}
      description={screen.lead}
      scripts={['console']}
      stylesheets={[context.assets.consoleStyle]}
      head={<meta name="robots" content="noindex, nofollow" />}
      bodyData={{ 'console-page': screen.screen }}
    >
      <header class="site-header console-header">
        <div class="wrap">
          <a class="logo" href={screen.area === 'farmer' ? paths.farmer.dashboard : paths.admin.applications}>
            {SHOP_NAME} <span class="area">{areaName}</span>
          </a>
          <a class="to-shop" href={paths.home}>
            가게로
          </a>
        </div>
        <nav class="wrap console-nav" aria-label={`${areaName} 메뉴`}>
          {navOf(screen.area).map((item) => (
            <a href={item.path} aria-current={item.path === screen.path ? 'page' : undefined}>
              {item.title}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" class="wrap">
        <h1>{screen.title}</h1>
        <p class="lead">{screen.lead}</p>
        <div data-console-root aria-live="polite">
          <p class="muted">불러오는 중이에요…</p>
        </div>
        <noscript>
          <p>농장 관리 화면은 자바스크립트가 필요해요. 브라우저 설정에서 켜 주세요.</p>
        </noscript>
      </main>
    </Document>
  );
}
