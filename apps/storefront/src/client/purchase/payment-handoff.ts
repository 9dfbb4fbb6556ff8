import { paths } from '../../site/paths.ts';
import { readCheckoutSession } from '../answers/payments.ts';
import { callApi } from './http.ts';
import { purchaseProblemText } from './problem-text.ts';
import { showTossWidget, type WidgetTarget } from './toss-widget.ts';

/**
 * Hands an order awaiting payment to the payment page. Payments opens a checkout session
 * with the order's amount; the stand-in PG answers with its own page to go to, Toss with a
 * client key for the widget rendered here. Both come back to /checkout/success/ or
 * /checkout/fail/ with Toss's query parameters. Returns the Korean reason when it could not.
 */
export async function handOffToPayment(orderId: string, widget: WidgetTarget | null): Promise<string | null> {
  const urls = {
    successUrl: new URL(paths.checkoutSuccess, location.origin).href,
    failUrl: new URL(paths.checkoutFail, location.origin).href,
  };
  const answer = await callApi('payments', '/v1/checkout-sessions', {
    method: 'POST',
    body: { orderId, ...urls },
    signedIn: true,
  });
  const session = answer.status === 200 || answer.status === 201 ? readCheckoutSession(answer.body) : null;
  if (!session) return purchaseProblemText(answer.status, answer.problem);
  if (session.provider === 'stand-in') {
    const page = session.paymentPageUrl ? safePageUrl(session.paymentPageUrl) : null;
    if (!page) return '결제 페이지를 열 수 없어요. 잠시 후 다시 시도해 주세요.';
    location.assign(page);
    return null;
  }
  if (!widget) {
    // Only the checkout frame may load Toss's script (its CSP admits it).
    location.assign(`${paths.checkout}?pay=${encodeURIComponent(orderId)}`);
    return null;
  }
  const shown = await showTossWidget(session, urls, widget, (message) => {
    widget.section.querySelector('[data-payment-error]')?.replaceChildren(message);
  }).catch(() => false);
  return shown ? null : '결제창을 불러오지 못했어요. 네트워크를 확인하고 다시 시도해 주세요.';
}

/** Only an http(s) address is followed: a session answer is never allowed to run script. */
export function safePageUrl(url: string): string | null {
  try {
    const parsed = new URL(url, location.origin);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
