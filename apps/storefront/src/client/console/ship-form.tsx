/** @jsxImportSource hono/jsx/dom */
import { useState } from 'hono/jsx/dom';
import type { PackedShipment } from '../answers/logistics.ts';
import { api, messageOf } from './api.ts';
import { lastCarrier, rememberCarrier } from './carrier-memory.ts';
import { carrierName, carriers } from './carriers.ts';
import { normaliseTrackingNumber, shipmentStatusName } from './purchase-text.ts';
import { Notice } from './ui.tsx';

/** One box: who it goes to, what is in it, and the courier and 송장번호 once it is handed over. */
export function ShipmentCard(props: {
  farmId: string;
  shipment: PackedShipment;
  onShipped: (message: string) => Promise<void>;
}) {
  const { shipment } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scope = `ship-${shipment.shipmentId}`;
  // The 주문번호 printed on the label; a box whose order logistics has not heard of yet goes by its id.
  const number = shipment.orderNumber ?? shipment.shipmentId;
  const shipped = Boolean(shipment.trackingNumber);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const carrierId = String(form.get('carrierId') ?? '');
    const trackingNumber = normaliseTrackingNumber(String(form.get('trackingNumber') ?? ''));
    if (!trackingNumber) {
      setError('송장번호는 숫자 8~20자리예요. 택배 송장에 적힌 번호를 그대로 적어 주세요.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('logistics', `/v1/farms/${props.farmId}/shipments/${shipment.shipmentId}/ship`, {
        method: 'POST',
        body: { carrierId, trackingNumber },
      });
      rememberCarrier(carrierId);
      await props.onShipped(`주문 ${number}을(를) ${carrierName(carrierId)} ${trackingNumber}(으)로 출고했어요.`);
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };

  return (
    <li class="panel" data-shipment={number} data-shipment-status={shipment.status}>
      <h3>
        주문 {number} <span class="badge">{shipmentStatusName(shipment.status)}</span>
      </h3>
      <p>
        {[`${shipment.recipientName} 님`, shipment.lines.map((line) => `${line.title} ×${line.quantity}`).join(', ')]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {shipped ? (
        <p data-tracking>
          {carrierName(shipment.carrierId)} · 송장번호 <strong>{shipment.trackingNumber}</strong>
        </p>
      ) : (
        <form class="inline-form ship-form" onSubmit={submit} aria-label={`주문 ${number} 송장 입력`}>
          <div class="field">
            <label for={`${scope}-carrier`}>택배사</label>
            <select id={`${scope}-carrier`} name="carrierId">
              {carriers.map((carrier) => (
                <option value={carrier.id} selected={carrier.id === lastCarrier()}>
                  {carrier.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${scope}-number`}>송장번호</label>
            <input id={`${scope}-number`} name="trackingNumber" inputmode="numeric" autocomplete="off" maxlength={30} />
          </div>
          {error ? <Notice kind="error">{error}</Notice> : null}
          <p class="actions">
            <button type="submit" disabled={busy}>
              출고 처리
            </button>
          </p>
        </form>
      )}
    </li>
  );
}
