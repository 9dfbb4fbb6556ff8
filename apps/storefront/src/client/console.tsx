/** @jsxImportSource hono/jsx/dom */
import type { Child } from 'hono/jsx';
import { render } from 'hono/jsx/dom';
import { loginUrl } from './console/api.ts';
import { Notice } from './console/ui.tsx';
import { type Who, whoAmI } from './console/who.ts';
import { refreshSession } from './session-store.ts';

// The farmer console and the admin pages. The HTML is one static frame per page; this
// island finds out who is signed in, keeps out whoever lacks the role, and renders the
// screen. The APIs check every call themselves: this gate is only so nobody lands on a
// screen full of 403s.

type Role = 'farmer' | 'admin' | 'anyone';

interface Screen {
  role: Role;
  load: (who: Who) => Promise<Child>;
}

const farmOf = (who: Who): string => who.farmIds[0] ?? '';

const screens: Record<string, Screen> = {
  apply: {
    role: 'anyone',
    load: async (who) => {
      const { ApplyPage } = await import('./console/apply-page.tsx');
      return <ApplyPage isFarmer={who.roles.includes('farmer')} />;
    },
  },
  dashboard: {
    role: 'farmer',
    load: async (who) => {
      const { DashboardPage } = await import('./console/dashboard-page.tsx');
      return <DashboardPage farmId={farmOf(who)} />;
    },
  },
  profile: {
    role: 'farmer',
    load: async (who) => {
      const { ProfilePage } = await import('./console/profile-page.tsx');
      return <ProfilePage farmId={farmOf(who)} />;
    },
  },
  batches: {
    role: 'farmer',
    load: async (who) => {
      const { BatchPage } = await import('./console/batch-page.tsx');
      return <BatchPage farmId={farmOf(who)} />;
    },
  },
  lots: {
    role: 'farmer',
    load: async (who) => {
      const { LotsPage } = await import('./console/lots-page.tsx');
      return <LotsPage farmId={farmOf(who)} />;
    },
  },
  offers: {
    role: 'farmer',
    load: async (who) => {
      const { OffersPage } = await import('./console/offers-page.tsx');
      return <OffersPage farmId={farmOf(who)} />;
    },
  },
  fulfilments: {
    role: 'farmer',
    load: async (who) => {
      const { FulfilmentsPage } = await import('./console/fulfilments-page.tsx');
      return <FulfilmentsPage farmId={farmOf(who)} />;
    },
  },
  shipping: {
    role: 'farmer',
    load: async (who) => {
      const { ShippingPage } = await import('./console/shipping-page.tsx');
      return <ShippingPage farmId={farmOf(who)} />;
    },
  },
  settlement: {
    role: 'farmer',
    load: async (who) => {
      const { SettlementPage } = await import('./console/settlement-page.tsx');
      return <SettlementPage farmId={farmOf(who)} />;
    },
  },
  'admin-applications': {
    role: 'admin',
    load: async () => {
      const { AdminApplicationsPage } = await import('./console/admin-applications-page.tsx');
      return <AdminApplicationsPage />;
    },
  },
  'admin-farms': {
    role: 'admin',
    load: async () => {
      const { AdminFarmsPage } = await import('./console/admin-farms-page.tsx');
      return <AdminFarmsPage />;
    },
  },
  'admin-orders': {
    role: 'admin',
    load: async () => {
      const { AdminOrdersPage } = await import('./console/admin-orders-page.tsx');
      return <AdminOrdersPage />;
    },
  },
  'admin-closures': {
    role: 'admin',
    load: async () => {
      const { AdminClosuresPage } = await import('./console/admin-closures-page.tsx');
      return <AdminClosuresPage />;
    },
  },
};

const allowed = (who: Who, role: Role): boolean =>
  role === 'anyone' ||
  (role === 'admin' && who.roles.includes('admin')) ||
  (role === 'farmer' && who.roles.includes('farmer') && who.farmIds.length > 0);

function NotAllowed(props: { role: Role }) {
  return props.role === 'farmer' ? (
    <Notice kind="info">
      농장 계정만 쓸 수 있는 화면이에요. 판매를 시작하려면 <a href="/farmer/apply/">판매 신청</a>을 해 주세요. 이미
      승인됐다면 로그아웃 후 다시 로그인해 주세요.
    </Notice>
  ) : (
    <Notice kind="error">관리자만 쓸 수 있는 화면이에요. 관리자 계정으로 로그인해 주세요.</Notice>
  );
}

async function start(root: HTMLElement): Promise<void> {
  const screen = screens[document.body.dataset.consolePage ?? ''];
  if (!screen) return;
  let who = await whoAmI();
  if (!who) {
    location.replace(loginUrl());
    return;
  }
  // A farmer verified since this token was issued: the refreshed token carries the role.
  if (!allowed(who, screen.role)) {
    await refreshSession();
    who = (await whoAmI()) ?? who;
  }
  render(allowed(who, screen.role) ? await screen.load(who) : <NotAllowed role={screen.role} />, root);
}

const root = document.querySelector<HTMLElement>('[data-console-root]');
if (root) {
  start(root).catch(() => {
    root.textContent = '화면을 불러오지 못했어요. 새로 고침해 주세요. 계속되면 고객센터에 알려 주세요.';
  });
}
