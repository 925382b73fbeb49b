// How far the demo's R6重点案件 got by the end of FY2024, so the first screen shows what the plan is
// about: the project team's progress, milestones with dates and its reports, not five 0% 未着手 rows.
import type { PriorityProjectStatus } from '#shared';
import type { Milestone } from '../../data/schema/index';

export interface DemoProgressReport {
  progress: number;
  status: PriorityProjectStatus;
  note: string;
  /** Tokyo date of the report (09:30 that day). */
  on: string;
}

export interface DemoProjectProgress {
  key: readonly [themeNo: number, itemNo: number];
  ownerDivision: string;
  milestones: Milestone[];
  /** Oldest first; the last one is the project's current figures. */
  reports: DemoProgressReport[];
}

const done = (title: string, dueOn: string): Milestone => ({ title, dueOn, done: true });
const open = (title: string, dueOn: string): Milestone => ({ title, dueOn, done: false });

export const demoProjectProgress: DemoProjectProgress[] = [
  {
    key: [1, 1],
    ownerDivision: 'デジタル政策課',
    milestones: [
      done('実証環境の構築', '2024-07-31'),
      done('実証（3課で試行）', '2024-11-29'),
      open('セキュリティ方針の改定案', '2025-02-28'),
      open('本格導入の判断', '2025-03-31'),
    ],
    reports: [
      {
        progress: 20,
        status: 'in_progress',
        on: '2024-08-09',
        note: '実証環境を構築し、人事課・財政課・デジタル政策課で試行を開始しました。',
      },
      {
        progress: 45,
        status: 'in_progress',
        on: '2024-11-29',
        note: '試行3課のアンケートで約8割が「業務が効率化した」と回答。クラウド利用時の認証方式を検討中です。',
      },
      {
        progress: 60,
        status: 'in_progress',
        on: '2025-02-14',
        note: 'セキュリティ方針の改定案を作成し、情報セキュリティ委員会に諮りました。',
      },
    ],
  },
  {
    key: [1, 2],
    ownerDivision: 'デジタル政策課',
    milestones: [
      done('業務アプリ作成ツールの実証開始', '2024-06-28'),
      done('職員向けデジタルスキル研修', '2024-10-31'),
      open('作成アプリの全庁共有', '2025-03-31'),
    ],
    reports: [
      {
        progress: 30,
        status: 'in_progress',
        on: '2024-07-05',
        note: 'ノーコード・ローコードツールの実証を開始。12課から参加がありました。',
      },
      {
        progress: 55,
        status: 'in_progress',
        on: '2024-10-31',
        note: 'デジタルスキル研修を4回開催し、延べ320人が受講しました。職員作成のアプリが15件稼働中です。',
      },
      {
        progress: 75,
        status: 'in_progress',
        on: '2025-01-31',
        note: '作成アプリの共有ルールを整理し、全庁ポータルへの掲載を準備しています。',
      },
    ],
  },
  {
    key: [1, 3],
    ownerDivision: '会計課',
    milestones: [
      done('窓口キャッシュレス化の対象窓口の選定', '2024-07-31'),
      open('キャッシュレス決済の導入（先行5窓口）', '2024-12-27'),
      open('補助金業務の効率化方針', '2025-03-31'),
    ],
    reports: [
      { progress: 15, status: 'in_progress', on: '2024-08-02', note: '先行導入する5窓口を選定しました。' },
      {
        progress: 35,
        status: 'in_progress',
        on: '2024-12-20',
        note: '決済事業者との調整に時間を要しており、先行窓口での導入は2月にずれ込む見込みです。',
      },
    ],
  },
  {
    key: [2, 1],
    ownerDivision: '財政課',
    milestones: [
      done('予算要求資料の電子化', '2024-09-30'),
      done('査定のオンライン化（試行）', '2024-12-20'),
      done('ペーパレス化の効果検証', '2025-03-14'),
    ],
    reports: [
      {
        progress: 40,
        status: 'in_progress',
        on: '2024-10-04',
        note: '予算要求資料をすべて電子で受け付けました。紙の提出は前年度比で約9割減です。',
      },
      {
        progress: 80,
        status: 'in_progress',
        on: '2024-12-20',
        note: '査定をオンラインで試行し、会議室の利用と資料印刷が大きく減りました。',
      },
      {
        progress: 100,
        status: 'done',
        on: '2025-03-14',
        note: '効果検証を終えました。年間約40万枚の印刷削減。次年度から全部局で本格実施します。',
      },
    ],
  },
  {
    key: [2, 2],
    ownerDivision: '管財課',
    milestones: [
      done('執務環境アンケート', '2024-08-30'),
      open('フリーアドレスの試行（本庁2フロア）', '2025-01-31'),
      open('カスハラ対策マニュアルの作成', '2025-03-31'),
    ],
    reports: [
      {
        progress: 25,
        status: 'in_progress',
        on: '2024-09-06',
        note: '執務環境アンケート（回答1,850人）の結果を公表しました。',
      },
      {
        progress: 40,
        status: 'on_hold',
        on: '2024-12-06',
        note: 'フリーアドレスの試行は、庁舎改修の日程が決まるまで保留とします。カスハラ対策は予定どおり進めています。',
      },
    ],
  },
];

/** A report's instant: 09:30 in Tokyo on its date. */
export const reportTime = (on: string): Date => new Date(`${on}T09:30:00+09:00`);
