import type { CheckoutSessionResponse } from '../answers/payments.ts';
import { loadScript } from './load-script.ts';

// Toss Payments' payment widget (SDK v2), loaded only when payments says the provider is Toss
// (with real keys); locally the stand-in PG's own page is used instead and this never loads.

const TOSS_SDK = 'https://js.tosspayments.com/v2/standard';

interface TossWidgets {
  setAmount(amount: { currency: 'KRW'; value: number }): Promise<void>;
  renderPaymentMethods(options: { selector: string; variantKey?: string }): Promise<unknown>;
  renderAgreement(options: { selector: string; variantKey?: string }): Promise<unknown>;
  requestPayment(request: { orderId: string; orderName: string; successUrl: string; failUrl: string }): Promise<void>;
}

declare global {
  interface Window {
    TossPayments?: (clientKey: string) => { widgets(options: { customerKey: string }): TossWidgets };
  }
}

export interface WidgetTarget {
  /** The section holding `#payment-methods` and `#payment-agreement`, hidden until rendered. */
  section: HTMLElement;
  /** Its 결제하기 button. */
  pay: HTMLButtonElement;
}

/**
 * Renders the widget for the session's amount (payments' figure from the order, never the
 * page's) and requests the payment when the shopper presses 결제하기; Toss then redirects to
 * the success or fail URL. Resolves false when the SDK cannot load.
 */
export async function showTossWidget(
  session: CheckoutSessionResponse,
  urls: { successUrl: string; failUrl: string },
  target: WidgetTarget,
  onError: (message: string) => void,
): Promise<boolean> {
  if (!(await loadScript(TOSS_SDK)) || !window.TossPayments) return false;
  const widgets = window.TossPayments(session.clientKey).widgets({ customerKey: session.customerKey });
  await widgets.setAmount({ currency: 'KRW', value: session.amount });
  target.section.hidden = false;
  await Promise.all([
    widgets.renderPaymentMethods({ selector: '#payment-methods', variantKey: 'DEFAULT' }),
    widgets.renderAgreement({ selector: '#payment-agreement', variantKey: 'AGREEMENT' }),
  ]);
  target.pay.addEventListener('click', async () => {
    target.pay.disabled = true;
    try {
      await widgets.requestPayment({ orderId: session.orderId, orderName: session.orderName, ...urls });
    } catch (error) {
      // The shopper closed the window, or the widget refused (no method picked, terms not agreed).
      const message = (error as { message?: unknown })?.message;
      onError(
        typeof message === 'string' && /[가-힣]/.test(message) ? message : '결제를 마치지 못했어요. 다시 눌러 주세요.',
      );
    } finally {
      target.pay.disabled = false;
    }
  });
  target.pay.focus();
  return true;
}
