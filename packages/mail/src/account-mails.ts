import { renderActionMail } from './render.ts';

/*
 * The account mails identity sends. Each is a small function of its inputs; the link is built
 * by the caller (it holds the one-time token) and must point at the shop's own origin.
 */

export interface AccountMailInput {
  displayName: string;
  link: string;
}

export function emailVerificationMail(input: AccountMailInput) {
  return renderActionMail({
    subject: '[프루터블스] 이메일 주소를 확인해 주세요',
    recipientName: input.displayName,
    paragraphs: [
      '프루터블스 가입을 환영합니다.',
      '아래 버튼을 눌러 이 이메일 주소가 본인의 것임을 확인하고 비밀번호를 정해 주세요. 확인을 마치면 다른 기기의 로그인은 모두 끝납니다.',
    ],
    action: { label: '이메일 확인하기', url: input.link },
    notes: ['이 링크는 24시간 동안 한 번만 쓸 수 있습니다.', '가입한 적이 없다면 이 메일을 무시하세요.'],
  });
}

export function passwordResetMail(input: AccountMailInput) {
  return renderActionMail({
    subject: '[프루터블스] 비밀번호 재설정 안내',
    recipientName: input.displayName,
    paragraphs: [
      '비밀번호 재설정 요청을 받았습니다.',
      '아래 버튼을 눌러 새 비밀번호를 정해 주세요. 새 비밀번호를 정하면 모든 기기에서 로그아웃됩니다.',
    ],
    action: { label: '비밀번호 재설정하기', url: input.link },
    notes: [
      '이 링크는 30분 동안 한 번만 쓸 수 있습니다.',
      '요청한 적이 없다면 이 메일을 무시하세요. 비밀번호는 바뀌지 않습니다.',
    ],
  });
}

/** Sent when someone signs up with an address that already has a verified account: no second account, a way back in. */
export function accountExistsMail(input: AccountMailInput) {
  return renderActionMail({
    subject: '[프루터블스] 이미 가입된 이메일입니다',
    recipientName: input.displayName,
    paragraphs: [
      '이 이메일 주소로 가입 요청이 있었지만, 이미 프루터블스 계정이 있습니다.',
      '비밀번호가 기억나지 않으면 아래 버튼으로 재설정하세요.',
    ],
    action: { label: '비밀번호 재설정하기', url: input.link },
    notes: ['직접 요청한 것이 아니라면 이 메일을 무시하세요. 계정은 그대로입니다.'],
  });
}
