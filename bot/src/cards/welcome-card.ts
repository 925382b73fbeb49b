import type { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, columnSet, heading, textBlock } from './elements';
import { mainMenuActions } from './main-menu';

const feature = (emoji: string, title: string, description: string): CardElement =>
  columnSet(
    [
      { width: 'auto', items: [textBlock(emoji, { size: 'Large' })] },
      {
        items: [
          textBlock(title, { weight: 'Bolder' }),
          textBlock(description, { isSubtle: true, spacing: 'None' }),
        ],
      },
    ],
    { spacing: 'Medium' },
  );

/** The first message after installing the app: what it does and where to start. */
export const welcomeCard = ({ displayName }: { displayName: string }): AdaptiveCard =>
  adaptiveCard(
    [
      heading(displayName ? `${displayName}さん、ようこそ！` : 'ようこそ！'),
      textBlock(
        '働き方改革を進めるためのアプリです。業務改善のアイデアを推進室に提案したり、同僚に感謝を伝えたりできます。',
        { spacing: 'Small' },
      ),
      feature(
        '💡',
        '職員提案',
        '業務の見直しや働き方のアイデアを推進室に届けます。提案の状況や回答は「自分の提案」でいつでも確認できます。',
      ),
      feature(
        '👏',
        'アクションスタンプ',
        '「ありがとう」「ナイス！」などのスタンプで同僚を褒め、労いましょう。1on1のお誘いも送れます。',
      ),
      textBlock('下のボタンから始めるか、このチャットに「提案」「スタンプ」と送ってください。', {
        isSubtle: true,
        size: 'Small',
        spacing: 'Medium',
      }),
      // A bare install has no organisation yet: proposals still come in (所属未設定) and the office
      // sets divisions and 所属 afterwards.
      textBlock(
        '所属が登録されていなくても提案できます（所属未設定として受け付け、推進室が後から設定します）。推進室・管理者の方は、タブの「組織」「職員」で所属を、「分類・スタンプ」で分類とスタンプの種類を設定できます。',
        { isSubtle: true, size: 'Small', spacing: 'Small' },
      ),
    ],
    { actions: mainMenuActions(), fullWidth: true },
  );
