import { describe, expect, it } from 'vitest';
import { decodeText } from './decode.ts';

const fixture = (name: string) => Bun.file(new URL(`./fixtures/${name}`, import.meta.url).pathname).bytes();

describe('decodeText', () => {
  it('reads UTF-8 with a BOM and drops the BOM', async () => {
    const decoded = decodeText(await fixture('harvest-batch-sample.csv'));
    expect(decoded).toMatchObject({ encoding: 'utf-8' });
    expect('text' in decoded && decoded.text.startsWith('로트번호,품목')).toBe(true);
  });

  it('reads CP949 as Korean Excel saves it, to the same text as the UTF-8 sample', async () => {
    const cp949 = decodeText(await fixture('harvest-batch-sample-cp949.csv'));
    const utf8 = decodeText(await fixture('harvest-batch-sample.csv'));
    expect(cp949).toMatchObject({ encoding: 'cp949' });
    if (!('text' in cp949) || !('text' in utf8)) throw new Error('both samples decode');
    expect(cp949.text.replaceAll('\r\n', '\n')).toBe(utf8.text.replaceAll('\r\n', '\n'));
  });

  it('reads UTF-8 without a BOM, and CP949-only characters (UHC) such as 똠', () => {
    expect(decodeText(new TextEncoder().encode('품목\n사과'))).toEqual({ text: '품목\n사과', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0x8c, 0x63]))).toEqual({ text: '똠', encoding: 'cp949' });
  });

  it('refuses binary files, a PNG renamed .csv and UTF-16 exports', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(decodeText(png)).toMatchObject({ problem: { code: 'not_text' } });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x5c, 0xb8]))).toMatchObject({
      problem: { code: 'unsupported_encoding' },
    });
    expect(decodeText(new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xff]))).toMatchObject({ problem: { code: 'not_text' } });
  });
});
