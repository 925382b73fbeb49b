import type { CardAction } from './adaptive-card';
import { executeAction } from './elements';

/** The four things the bot does, as buttons: on the welcome and help cards. */
export const mainMenuActions = (): CardAction[] => [
  executeAction('提案する', 'proposal.form', undefined, { style: 'positive' }),
  executeAction('スタンプを送る', 'stamp.form'),
  executeAction('自分の提案', 'proposal.mine'),
  executeAction('ヘルプ', 'help.show'),
];
