import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, factSet, heading, subheading, textBlock } from './elements';
import { mainMenuActions } from './main-menu';

/** Commands as typed in the chat (Japanese or English), mirroring conversation/commands.ts. */
const commandFacts = [
  ['提案 / propose', '提案フォームを開きます'],
  ['スタンプ / stamp', 'アクションスタンプを送ります'],
  ['自分の提案 / my', '自分の提案と状況・回答を表示します'],
  ['今月の実現 / realised', '所属の課で今月実現した提案（公開分）を表示します。チャネルでも使えます'],
  [
    '通知設定 / settings',
    'フォロー中の提案の通知の受け取り方（すぐに／1日1回まとめて／通知しない）を選びます',
  ],
  ['ヘルプ / help', 'この使い方を表示します'],
] as const;

export const helpCard = (): AdaptiveCard =>
  adaptiveCard(
    [
      heading('❓ ヘルプ・使い方'),
      textBlock('このチャットに次のコマンドを送るか、下のボタンを押してください。', { spacing: 'Small' }),
      subheading('コマンド'),
      factSet(commandFacts, { spacing: 'Small' }),
      subheading('職員提案'),
      textBlock(
        '件名・提案内容・分類を入力して提出します。似ている提案がないか提出前に確認できます。提出後の状況（受付・検討中・実現見込み・実現完了など）と推進室からの回答は、変わるたびにこのチャットでお知らせします。',
        { spacing: 'Small' },
      ),
      subheading('アクションスタンプ'),
      textBlock(
        '宛先とスタンプを選び、ひとことメッセージを添えて送れます。「1on1しませんか」を送ると、相手は日程作成のボタンからすぐに会議を設定できます。',
        { spacing: 'Small' },
      ),
      subheading('チャネルやチャットの投稿から'),
      textBlock(
        '投稿の「…」→「その他のアクション」から「この投稿にスタンプを贈る」「この投稿から提案する」を選べます。メッセージ入力欄のアプリ一覧にある「職員提案」の「提案を検索」で、提案をカードとして会話に貼り付けられます。',
        { spacing: 'Small' },
      ),
    ],
    { actions: mainMenuActions(), fullWidth: true },
  );
