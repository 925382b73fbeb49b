import type { AssignableRole } from '#shared';
import type { Random } from './demo-random';

/**
 * The demo prefecture's organisation: divisions (課・室) with their departments (部局), the key
 * personas a development sign-in offers, and generated staff.
 */
export interface DemoDivision {
  code: string;
  name: string;
  department: string;
}

export const officeDivisionName = 'やまぐちワークスタイルシフト推進室';

export const demoDivisions: readonly DemoDivision[] = [
  { code: 'demo-0101', name: '人事課', department: '総務部' },
  { code: 'demo-0102', name: officeDivisionName, department: '総務部' },
  { code: 'demo-0103', name: '総務課', department: '総務部' },
  { code: 'demo-0104', name: '学事文書課', department: '総務部' },
  { code: 'demo-0105', name: '財政課', department: '総務部' },
  { code: 'demo-0106', name: '管財課', department: '総務部' },
  { code: 'demo-0107', name: '税務課', department: '総務部' },
  { code: 'demo-0201', name: '政策企画課', department: '総合企画部' },
  { code: 'demo-0202', name: 'デジタル政策課', department: '総合企画部' },
  { code: 'demo-0301', name: '県民生活課', department: '環境生活部' },
  { code: 'demo-0302', name: '環境政策課', department: '環境生活部' },
  { code: 'demo-0401', name: '厚政課', department: '健康福祉部' },
  { code: 'demo-0402', name: '医療政策課', department: '健康福祉部' },
  { code: 'demo-0403', name: 'こども政策課', department: '健康福祉部' },
  { code: 'demo-0501', name: '商工政策課', department: '商工労働部' },
  { code: 'demo-0502', name: '労働政策課', department: '商工労働部' },
  { code: 'demo-0601', name: '観光政策課', department: '観光スポーツ文化部' },
  { code: 'demo-0701', name: '農林水産政策課', department: '農林水産部' },
  { code: 'demo-0801', name: '監理課', department: '土木建築部' },
  { code: 'demo-0802', name: '道路整備課', department: '土木建築部' },
  { code: 'demo-0901', name: '会計課', department: '会計管理局' },
  { code: 'demo-1001', name: '教育政策課', department: '教育庁' },
  { code: 'demo-1101', name: '議事調査課', department: '議会事務局' },
];

export interface DemoUser {
  /** Entra object id, fixed so a development sign-in can offer these people. */
  aadObjectId: string;
  displayName: string;
  email: string;
  division: string;
  /** Roles beyond staff (everyone is staff). */
  roles: AssignableRole[];
  /** Divisions whose liaison (所管課担当) the persona is, given at the development sign-in. */
  liaisonOf?: string[];
  /** What the persona is for, shown by a development sign-in. */
  description: string;
}

/** The tenant the demo identities belong to. */
export const demoTenantId = '0b5c3f9e-2d47-4a18-9e6c-5f1a7d3b2c90';

export const demoUsers: readonly DemoUser[] = [
  {
    aadObjectId: '3f1c2a9e-6b4d-4c8e-9a51-7d2e8f0a1b01',
    displayName: '山口 太郎',
    email: 'taro.yamaguchi@demo.example.jp',
    division: '商工政策課',
    roles: [],
    description: '職員（提案者・スタンプ送信者）',
  },
  {
    aadObjectId: '3f1c2a9e-6b4d-4c8e-9a51-7d2e8f0a1b02',
    displayName: '中村 花子',
    email: 'hanako.nakamura@demo.example.jp',
    division: 'こども政策課',
    roles: [],
    liaisonOf: ['こども政策課'],
    description: '職員（共同提案者・こども政策課の所管課担当）',
  },
  {
    aadObjectId: '3f1c2a9e-6b4d-4c8e-9a51-7d2e8f0a1b03',
    displayName: '萩原 健一',
    email: 'kenichi.hagiwara@demo.example.jp',
    division: officeDivisionName,
    roles: ['office'],
    description: '推進室（提案の整理・回答）',
  },
  {
    aadObjectId: '3f1c2a9e-6b4d-4c8e-9a51-7d2e8f0a1b04',
    displayName: '長門 美咲',
    email: 'misaki.nagato@demo.example.jp',
    division: officeDivisionName,
    roles: ['office'],
    description: '推進室（重点案件の進捗管理）',
  },
  {
    aadObjectId: '3f1c2a9e-6b4d-4c8e-9a51-7d2e8f0a1b05',
    displayName: '岩国 誠',
    email: 'makoto.iwakuni@demo.example.jp',
    division: '人事課',
    roles: ['admin'],
    description: '管理者（権限・スタンプ種別の管理）',
  },
];

/** The persona whose presence means the demo data is loaded (created only by the demo seed). */
export const demoMarkerEmail = 'user001@demo.example.jp';

const surnames = (
  '佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中島 小林 加藤 吉田 山田 佐々木 松本 井上 木村 林 斎藤 清水 山崎 ' +
  '森 池田 橋本 阿部 石川 山下 藤本 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 西村 ' +
  '福田 太田 三浦 藤原 岡本 松田 中川 原田 河野 末永'
).split(' ');

const givenNames = (
  '翔太 大輔 健太 拓也 直樹 浩二 隆 和也 亮 悠斗 蓮 颯太 大樹 聡 修 哲也 慎一 雅人 洋平 達也 ' +
  '陽子 恵 由美 真由美 彩 奈々 優子 智子 裕子 愛 千尋 舞 結衣 葵 さくら 明美 恭子 麻衣 香織 幸子'
).split(' ');

export interface DemoStaff {
  email: string;
  displayName: string;
  division: string;
}

/** `count` staff with unique Japanese names, `user001@demo.example.jp`…, spread over the divisions. */
export const generateDemoStaff = (random: Random, count: number): DemoStaff[] => {
  const taken = new Set(demoUsers.map((user) => user.displayName));
  // Larger divisions get more people; the office is small.
  const divisionWeights = demoDivisions.map(
    (division) => [division.name, division.name === officeDivisionName ? 1 : random.int(2, 6)] as const,
  );
  const staff: DemoStaff[] = [];
  while (staff.length < count) {
    const displayName = `${random.pick(surnames)} ${random.pick(givenNames)}`;
    if (taken.has(displayName)) continue;
    taken.add(displayName);
    staff.push({
      email: `user${String(staff.length + 1).padStart(3, '0')}@demo.example.jp`,
      displayName,
      division: random.weighted(divisionWeights),
    });
  }
  return staff;
};
