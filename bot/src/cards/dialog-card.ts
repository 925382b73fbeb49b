import type { AdaptiveCard, CardAction, CardElement } from './adaptive-card';

/**
 * A card for a Teams dialog (a message action's task module). Dialogs do not run `Action.Execute`:
 * each becomes an `Action.Submit` whose data carries the verb, so a dialog's buttons reach the same
 * dispatch table as the chat's (`composeExtension/submitAction` with `data.verb`).
 */
export const asDialogCard = (card: AdaptiveCard): AdaptiveCard => {
  const { msteams: _, ...rest } = card;
  return {
    ...rest,
    body: card.body.map(dialogElement),
    ...(card.actions ? { actions: card.actions.map(dialogAction) } : {}),
  };
};

const dialogAction = (action: CardAction): CardAction => {
  if (action.type !== 'Action.Execute') return action;
  const { type: _, verb, data, ...rest } = action;
  return {
    ...rest,
    type: 'Action.Submit',
    data: { ...(data as Record<string, unknown> | undefined), verb },
  } as CardAction;
};

const dialogElement = (element: CardElement): CardElement => {
  const copy: CardElement = { ...element };
  if (Array.isArray(element.actions)) copy.actions = (element.actions as CardAction[]).map(dialogAction);
  if (Array.isArray(element.items)) copy.items = (element.items as CardElement[]).map(dialogElement);
  if (Array.isArray(element.columns)) copy.columns = (element.columns as CardElement[]).map(dialogElement);
  return copy;
};
