import { type DemoFarm, lot, offer } from './types.ts';

// 제주 citrus and 고창 watermelon. 감귤 and 한라봉 keep 30 days; 수박 has no row and uses the
// service default (30), so these lots stay well inside it.

export const jejuGochangFarms: DemoFarm[] = [
  {
    id: '0193a5c0-de00-7000-8000-000000000011',
    code: 'SG',
    name: '한라햇빛농장',
    regionSido: '제주특별자치도',
    regionSigungu: '서귀포시',
    story: '한라산 남쪽 화산송이 토양에서 노지감귤을 키웁니다. 나무에서 완숙시켜 따기 때문에 새콤달콤함이 진합니다.',
    certifications: [{ kind: '유기농', number: '제13-1-0427호' }],
    products: [
      {
        code: 'NOJI',
        fruit: '감귤',
        variety: '노지감귤',
        description: '껍질이 얇고 알맹이가 톡톡 터지는 제주 노지감귤(2S~M).',
        seasonMonths: [11, 12, 1, 2],
        storageAdvice: '서늘한 곳에 상자 뚜껑을 열어 두고, 무른 것은 골라내세요.',
        offers: [
          offer('상', 5, null, 23_000, [lot(2, 200, 11.8), lot(8, 80, 11.5)]),
          offer('보통', 10, null, 29_000, [lot(2, 120, 11.0)]),
          offer('못난이', 5, null, 13_900, [lot(3, 150, 11.2, '크기와 모양이 제각각인 파치 감귤')]),
        ],
      },
      {
        code: 'CHEONH',
        fruit: '감귤',
        variety: '천혜향',
        description: '향이 천 리를 간다는 천혜향. 껍질이 얇고 과즙이 풍부합니다.',
        seasonMonths: [1, 2, 3],
        storageAdvice: '서늘한 곳 또는 냉장 보관하세요.',
        offers: [offer('특', 3, 10, 43_000, [lot(4, 60, 13.2)])],
      },
    ],
  },
  {
    id: '0193a5c0-de00-7000-8000-000000000012',
    code: 'AW',
    name: '돌담만감농원',
    regionSido: '제주특별자치도',
    regionSigungu: '제주시',
    story: '애월 돌담 밭 하우스에서 만감류를 키웁니다. 수확 후 2주 예조로 산을 빼서 단맛이 부드럽습니다.',
    certifications: [
      { kind: 'GAP', number: '제6911-2024-0482호' },
      { kind: '무농약', number: '제71-2-0254호' },
    ],
    products: [
      {
        code: 'HALLA',
        fruit: '한라봉',
        variety: '한라봉',
        description: '꼭지가 볼록 솟은 제주 한라봉. 과육이 탱글하고 달콤합니다.',
        seasonMonths: [1, 2, 3, 4],
        storageAdvice: '서늘한 곳에 보관, 꼭지가 시들기 전에 드세요.',
        offers: [
          offer('특', 3, 9, 39_000, [lot(4, 80, 13.8)]),
          offer('상', 5, 18, 52_000, [lot(6, 60, 13.1)]),
          offer('못난이', 3, null, 21_000, [lot(6, 40, 13.0, '껍질에 바람 자국')]),
        ],
      },
      {
        code: 'REDH',
        fruit: '감귤',
        variety: '레드향',
        description: '붉은 껍질의 레드향. 껍질이 쉽게 벗겨지고 당도가 높습니다.',
        seasonMonths: [12, 1, 2],
        storageAdvice: '서늘한 곳 또는 냉장 보관하세요.',
        offers: [offer('특', 3, 10, 45_000, [lot(3, 50, 14.1)])],
      },
    ],
  },
  {
    id: '0193a5c0-de00-7000-8000-000000000013',
    code: 'GCH',
    name: '선운산수박농장',
    regionSido: '전북특별자치도',
    regionSigungu: '고창군',
    story: '황토에서 키운 고창 수박. 줄무늬가 선명하고 두드리면 맑은 소리가 납니다.',
    certifications: [{ kind: 'GAP', number: '제5237-2024-0619호' }],
    products: [
      {
        code: 'KKUL',
        fruit: '수박',
        variety: '꿀수박',
        description: '황토 고창 하우스 꿀수박. 껍질이 얇고 속이 빨갛게 꽉 찼습니다.',
        seasonMonths: [5, 6, 7, 8],
        storageAdvice: '자르기 전에는 서늘한 곳, 자른 뒤에는 랩을 씌워 냉장 보관하세요.',
        offers: [offer('특', 8, 1, 29_000, [lot(2, 60, 12.3)]), offer('상', 6, 1, 22_000, [lot(2, 80, 11.8)])],
      },
      {
        code: 'APPLE',
        fruit: '수박',
        variety: '애플수박',
        description: '한 손에 들리는 1~2kg 애플수박. 껍질째 깎아 사과처럼 먹습니다.',
        seasonMonths: [6, 7, 8, 9],
        storageAdvice: '냉장 보관, 일주일 안에 드세요.',
        offers: [offer('상', 4, 2, 25_000, [lot(3, 40, 12.0)])],
      },
    ],
  },
];
