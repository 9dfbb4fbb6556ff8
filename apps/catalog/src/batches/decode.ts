import { type Problem, problem } from './row-errors.ts';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const utf8 = new TextDecoder('utf-8', { fatal: true });
// WHATWG "euc-kr" is Windows code page 949 (UHC), the superset Korean Excel writes ("CSV (쉼표로 분리)").
const cp949 = new TextDecoder('euc-kr', { fatal: true });

export type DecodedText = { text: string; encoding: 'utf-8' | 'cp949' } | { problem: Problem };

const notText = problem(
  'not_text',
  '텍스트 CSV 파일이 아닙니다. CSV(UTF-8 또는 Excel CSV) 또는 XLSX로 저장해 올려 주세요.',
  'This is not a text CSV file. Save it as CSV (UTF-8 or Excel CSV) or XLSX and upload it again.',
);

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Bytes of a CSV as text. Valid UTF-8 (with or without BOM) is UTF-8; anything else is tried
 * as CP949, which is what Korean Excel saves. Both decoders are strict, so random binary
 * (an image renamed .csv) fails both instead of turning into mojibake.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return {
      problem: problem(
        'unsupported_encoding',
        'UTF-16(유니코드 텍스트) 파일은 받지 않습니다. "CSV UTF-8" 또는 "CSV"로 저장해 주세요.',
        'UTF-16 ("Unicode text") files are not accepted. Save as "CSV UTF-8" or "CSV".',
      ),
    };
  }
  if (hasControlBytes(bytes)) return { problem: notText };
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  return decodeWith(utf8, body, 'utf-8') ?? decodeWith(cp949, body, 'cp949') ?? { problem: notText };
}

/**
 * Control bytes other than tab, LF and CR never occur in text (and in neither encoding do
 * they appear inside a multi-byte character), so they mark binary that might otherwise
 * happen to decode. UTF-16 exports are full of NULs, which this catches too.
 */
function hasControlBytes(bytes: Uint8Array): boolean {
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] ?? 0;
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) return true;
  }
  return false;
}

function decodeWith(decoder: TextDecoder, bytes: Uint8Array, encoding: 'utf-8' | 'cp949') {
  try {
    return { text: decoder.decode(bytes), encoding };
  } catch {
    return undefined;
  }
}
