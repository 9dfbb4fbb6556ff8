import { type DemoFarm, lot, offer } from './types.ts';

// 충청·호남 farms. Prices are 2025-26 direct-from-farm prices incl. delivery; days ago stay
// well inside each fruit's max age in catalog.fruit_max_ages (사과 60, 배 60, 포도 14, 딸기 5).

export const centralFarms: DemoFarm[] = [
  {
    id: '0193a5c0-de00-7000-8000-000000000001',
    code: 'CJ',
    name: '햇살사과농원',
    regionSido: '충청북도',
    regionSigungu: '충주시',
    story:
      '남한강 자락 해발 250m 비탈밭에서 2대째 사과를 키웁니다. 큰 일교차 덕분에 과육이 단단하고 아삭하며, 잎따기를 줄여 햇빛을 골고루 받게 합니다.',
    certifications: [{ kind: 'GAP', number: '제1407-2024-0318호' }],
    products: [
      {
        code: 'FUJI',
        fruit: '사과',
        variety: '부사',
        description: '서리 맞기 직전까지 나무에서 익힌 충주 부사. 꿀이 박힌 과육이 아삭하고 새콤달콤합니다.',
        seasonMonths: [10, 11, 12],
        storageAdvice: '비닐에 담아 냉장(0~4℃) 보관하면 한 달 이상 아삭합니다.',
        offers: [
          offer('특', 5, 14, 45_000, [lot(3, 120, 15.2), lot(9, 60, 14.8)]),
          offer('상', 5, 18, 36_000, [lot(3, 150, 14.5)]),
          offer('특', 10, 28, 79_000, [lot(3, 40, 15.1)]),
          offer('못난이', 5, null, 23_000, [lot(4, 90, 14.6, '우박 흠집이 있지만 맛은 같습니다')]),
        ],
      },
      {
        code: 'SNGD',
        fruit: '사과',
        variety: '시나노골드',
        description: '노란 껍질의 황금사과. 산미와 단맛이 또렷하고 향이 진합니다.',
        seasonMonths: [10, 11],
        storageAdvice: '냉장 보관, 2주 안에 드시면 향이 가장 좋습니다.',
        offers: [offer('특', 5, 16, 48_000, [lot(6, 50, 15.6)]), offer('상', 3, 12, 27_000, [lot(6, 70, 15.0)])],
      },
    ],
  },
  {
    id: '0193a5c0-de00-7000-8000-000000000002',
    code: 'NJ',
    name: '영산강배농원',
    regionSido: '전라남도',
    regionSigungu: '나주시',
    story:
      '영산강 충적토에서 100년 넘게 배를 키워 온 마을의 과수원입니다. 봉지를 씌워 키워 껍질이 곱고 과즙이 풍부합니다.',
    certifications: [
      { kind: 'GAP', number: '제4617-2023-0112호' },
      { kind: '무농약', number: '제38-2-0461호' },
    ],
    products: [
      {
        code: 'SINGO',
        fruit: '배',
        variety: '신고',
        description: '달고 시원한 과즙이 가득한 나주 신고배. 명절 선물로 가장 많이 찾습니다.',
        seasonMonths: [9, 10, 11],
        storageAdvice: '한 알씩 신문지에 싸서 냉장 보관하세요.',
        offers: [
          offer('특', 7.5, 9, 58_000, [lot(5, 80, 12.8), lot(14, 40, 12.5)]),
          offer('상', 7.5, 12, 46_000, [lot(5, 110, 12.2)]),
          offer('못난이', 5, null, 24_000, [lot(6, 60, 12.0, '모양이 고르지 않은 배')]),
        ],
      },
      {
        code: 'WONHW',
        fruit: '배',
        variety: '원황',
        description: '껍질이 얇고 과육이 부드러운 조생 품종. 저온 저장으로 아삭함을 지켰습니다.',
        seasonMonths: [8, 9],
        storageAdvice: '냉장 보관, 일주일 안에 드세요.',
        offers: [offer('상', 5, 10, 35_000, [lot(8, 45, 12.6)])],
      },
    ],
  },
  {
    id: '0193a5c0-de00-7000-8000-000000000003',
    code: 'YD',
    name: '포도향기농원',
    regionSido: '충청북도',
    regionSigungu: '영동군',
    story: '국내 최대 포도 산지 영동에서 비가림 하우스로 키웁니다. 송이마다 알솎기를 해 알이 굵고 당도가 고릅니다.',
    certifications: [{ kind: 'GAP', number: '제1474-2024-0529호' }],
    products: [
      {
        code: 'CMBL',
        fruit: '포도',
        variety: '캠벨얼리',
        description: '진한 보랏빛, 새콤달콤한 옛날 포도 맛 그대로의 캠벨얼리.',
        seasonMonths: [8, 9, 10],
        storageAdvice: '씻지 말고 냉장 보관, 드시기 직전에 씻으세요.',
        offers: [offer('상', 5, null, 32_000, [lot(4, 70, 16.4)]), offer('보통', 5, null, 26_000, [lot(4, 50, 15.8)])],
      },
      {
        code: 'SHINE',
        fruit: '포도',
        variety: '샤인머스캣',
        description: '씨 없이 껍질째 먹는 청포도. 망고 향이 나는 높은 당도가 특징입니다.',
        seasonMonths: [8, 9, 10, 11],
        storageAdvice: '키친타월로 감싸 냉장 보관하면 2주까지 싱싱합니다.',
        offers: [
          offer('특', 2, 3, 39_000, [lot(2, 90, 19.5), lot(7, 30, 19.1)]),
          offer('상', 4, 6, 56_000, [lot(2, 60, 18.6)]),
          offer('못난이', 2, null, 19_000, [lot(3, 40, 18.0, '알이 고르지 않은 송이')]),
        ],
      },
    ],
  },
  {
    id: '0193a5c0-de00-7000-8000-000000000004',
    code: 'NS',
    name: '탑정호딸기농장',
    regionSido: '충청남도',
    regionSigungu: '논산시',
    story: '탑정호 옆 수경재배 하우스에서 천적으로 해충을 잡으며 딸기를 키웁니다. 새벽에 따서 그날 바로 보냅니다.',
    certifications: [
      { kind: 'GAP', number: '제4423-2024-0741호' },
      { kind: '무농약', number: '제52-2-0193호' },
    ],
    products: [
      {
        code: 'SULH',
        fruit: '딸기',
        variety: '설향',
        description: '과즙이 많고 부드러운 국민 딸기 설향. 새벽 수확 당일 발송합니다.',
        seasonMonths: [1, 2, 3, 4, 5, 11, 12],
        storageAdvice: '씻지 말고 냉장 보관, 3일 안에 드세요.',
        offers: [
          offer('특', 1, 30, 26_000, [lot(0, 60, 11.8), lot(1, 40, 11.5)]),
          offer('상', 2, 70, 39_000, [lot(1, 50, 11.0)]),
        ],
      },
      {
        code: 'KINGS',
        fruit: '딸기',
        variety: '킹스베리',
        description: '어른 주먹만 한 대과 딸기. 복숭아 향이 나고 과육이 단단합니다.',
        seasonMonths: [1, 2, 3, 12],
        storageAdvice: '한 알씩 닿지 않게 냉장 보관하세요.',
        offers: [offer('특', 1, 12, 36_000, [lot(0, 5, 12.4, '첫물 수확, 한정 수량')], 2)],
      },
    ],
  },
];
