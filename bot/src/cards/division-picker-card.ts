import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, executeAction, heading, textBlock } from './elements';
import { choiceSetInput } from './form-elements';

/** A division to choose: `{ id, label }`, or a `{ value, label }` choice as the catalog service gives. */
export type DivisionOption = { id: string; label: string } | { value: string; label: string };

const idOf = (division: DivisionOption): string => ('id' in division ? division.id : division.value);

/**
 * Offered before the first proposal when the directory (Graph) cannot tell the user's division;
 * proposals and stamps are counted per division. Never a wall: a user whose division is not listed
 * goes on without one (所属未設定, which the office fixes), and with no divisions registered yet the
 * bot shows the form instead of this card.
 */
export const divisionPickerCard = ({
  requestId,
  divisions,
  current,
}: {
  requestId: string;
  divisions: readonly DivisionOption[];
  /** The division chosen before, preselected. */
  current?: string | undefined;
}): AdaptiveCard => {
  return adaptiveCard(
    [
      heading('🏢 所属を選んでください'),
      textBlock(
        '提案やスタンプを所属ごとに集計するため、最初に一度だけ所属を選んでください。一覧にないときは選ばずに提案できます（所属は推進室が設定します）。異動などで変わったときは管理者が「職員」の画面で変更します。',
        { spacing: 'Small' },
      ),
      choiceSetInput({
        id: 'divisionId',
        label: '所属',
        value: current,
        isRequired: true,
        errorMessage: '所属を選んでください。',
        style: 'filtered',
        placeholder: '所属名で絞り込み',
        choices: divisions.map((division) => ({ title: division.label, value: idOf(division) })),
      }),
    ],
    {
      actions: [
        executeAction(
          '決定して続ける',
          'user.setDivision',
          { requestId },
          { style: 'positive', submitsInputs: true },
        ),
        executeAction(
          '所属を選ばずに提案する',
          'proposal.form',
          { skipDivision: 'true' },
          { submitsInputs: false },
        ),
      ],
    },
  );
};
