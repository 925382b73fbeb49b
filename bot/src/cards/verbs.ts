/** Every `Action.Execute` verb the cards send (`noun.verb`); the bot's dispatch table handles each. */
export const cardVerbs = [
  'help.show',
  'proposal.form',
  'proposal.check',
  'proposal.submit',
  'proposal.support',
  'proposal.mine',
  'proposal.editForm',
  'proposal.edit',
  'proposal.withdrawForm',
  'proposal.withdraw',
  'stamp.form',
  'stamp.send',
  'stamp.reply',
  'user.setDivision',
  'user.setNotificationPreference',
] as const;

export type CardVerb = (typeof cardVerbs)[number];
