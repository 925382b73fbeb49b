import type { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, executeAction, heading, textBlock } from './elements';
import { choiceSetInput } from './form-elements';

/** A division to choose: `{ id, label }`, or a `{ value, label }` choice as the catalog service gives. */
export type DivisionOption = { id: string; label: string } | { value: string; label: string };

const idOf = (division: DivisionOption): string => ('id' in division ? division.id : division.value);

/**
 * Asked once, before the first proposal, when the directory (Graph) cannot tell the user's division;
 * proposals and stamps are counted per division.
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
  if (divisions.length === 0) {
    return adaptiveCard([
      heading('🏢 所属を選んでください'),
      textBlock('所属の一覧がまだ登録されていません。お手数ですが推進室にお問い合わせください。', {
        spacing: 'Small',
      }),
    ]);
  }
  return adaptiveCard(
    [
      heading('🏢 所属を選んでください'),
      textBlock(
        '提案やスタンプを所属ごとに集計するため、最初に一度だけ所属を選んでください。異動などで変わったときは管理者が「職員」の画面で変更します。',
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
      ],
    },
  );
};
