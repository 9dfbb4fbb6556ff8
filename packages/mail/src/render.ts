/** Escapes text for an HTML body or a double-quoted attribute: names and links come from people. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface ActionMail {
  subject: string;
  /** The greeting's name; escaped here. */
  recipientName: string;
  paragraphs: string[];
  action: { label: string; url: string };
  /** Smaller text under the button: how long the link lasts, what to do if it was not you. */
  notes: string[];
}

/**
 * One layout for every mail that asks the reader to press a button: the plain-text part for
 * clients that show no HTML (and for tests), and a simple single-column HTML part that reads
 * at 360px. No template engine: each template is a function that fills this.
 */
export function renderActionMail(mail: ActionMail): { subject: string; text: string; html: string } {
  const greeting = `${mail.recipientName}님, 안녕하세요.`;
  const text = [
    greeting,
    '',
    ...mail.paragraphs,
    '',
    `${mail.action.label}: ${mail.action.url}`,
    '',
    ...mail.notes,
    '',
    '— 프루터블스',
  ].join('\n');
  const paragraph = (content: string) => `<p style="margin:0 0 16px;line-height:1.6">${escapeHtml(content)}</p>`;
  const note = (content: string) => `<p style="margin:0 0 8px;font-size:13px;color:#666">${escapeHtml(content)}</p>`;
  const html = [
    '<!doctype html><html lang="ko"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(mail.subject)}</title></head>`,
    '<body style="margin:0;padding:24px 16px;font-family:sans-serif;color:#222;max-width:480px">',
    paragraph(greeting),
    ...mail.paragraphs.map(paragraph),
    `<p style="margin:24px 0"><a href="${escapeHtml(mail.action.url)}" style="display:inline-block;padding:12px 20px;background:#2e7d32;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(mail.action.label)}</a></p>`,
    note(`버튼이 열리지 않으면 이 주소를 브라우저에 붙여 넣으세요: ${mail.action.url}`),
    ...mail.notes.map(note),
    '<p style="margin:24px 0 0;color:#666">— 프루터블스</p>',
    '</body></html>',
  ].join('\n');
  return { subject: mail.subject, text, html };
}
