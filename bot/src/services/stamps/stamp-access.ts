/**
 * Who may see a stamp: its sender and its recipient, nobody else — a stamp and its message are a
 * personal exchange. The office and admins see stamps only as counts (the dashboard's KPIs, which
 * name no one). Who may answer one is narrower: the recipient only.
 */
export interface StampParties {
  senderId: string;
  recipientId: string;
}

export const canSeeStamp = (userId: string, stamp: StampParties): boolean =>
  stamp.senderId === userId || stamp.recipientId === userId;

/**
 * A stamp that refers to a proposal (「この提案について」) is also a public thank-you: whoever may see the
 * proposal sees its kind, sender, recipient and date on the proposal's page (the form says so); its
 * message stays between the two.
 */
export const canSeeStampMessage = (userId: string, stamp: StampParties): boolean =>
  canSeeStamp(userId, stamp);

export const canReplyToStamp = (userId: string, stamp: StampParties): boolean =>
  canSeeStamp(userId, stamp) && stamp.recipientId === userId;
