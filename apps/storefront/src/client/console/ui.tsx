/** @jsxImportSource hono/jsx/dom */
import type { Child } from 'hono/jsx';

/** A message the screen reader announces: errors in red, results in green. */
export function Notice(props: { kind: 'error' | 'ok' | 'info'; children: Child }) {
  return (
    <p class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}

/** A labelled progress bar; without a value it shows "working" without a percentage. */
export function Progress(props: { label: string; value: number | null }) {
  const percent = props.value === null ? null : Math.round(props.value * 100);
  const text = `${props.label}${percent === null ? '' : ` ${percent}%`}`;
  return (
    <div class="progress" data-progress>
      <span>{text}</span>
      {percent === null ? (
        <progress aria-label={props.label} />
      ) : (
        <progress aria-label={props.label} max={100} value={percent} />
      )}
    </div>
  );
}

export function Loading() {
  return <p class="muted">불러오는 중이에요…</p>;
}

/** 2026-11-12 → 11월 12일 */
export function shortDate(isoDate: string): string {
  const [, month, day] = isoDate.split('-');
  return `${Number(month)}월 ${Number(day)}일`;
}
