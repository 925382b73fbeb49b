import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUndo20Regular, Edit20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { CurrentUserDto } from '#shared/tab-api';
import type { ProposalDto } from '#shared/proposal';
import { canEditContent, canWithdraw } from '#shared/proposal-status';
import { isOffice } from '../../auth/session-context';
import { EditContentDialog } from './EditContentDialog';
import { WithdrawDialog } from './WithdrawDialog';

const useStyles = makeStyles({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/**
 * The proposer's 内容を修正 (while 受付) and 取り下げる; the office's 代理で取下げ on another's proposal.
 * Shown only where the server would allow it (it checks again).
 */
export const WithdrawEditActions = ({
  proposal,
  user,
  onChanged,
  onSuccess,
}: {
  proposal: ProposalDto;
  user: CurrentUserDto;
  onChanged(saved: ProposalDto): void;
  onSuccess(message: string): void;
}) => {
  const styles = useStyles();
  const [dialog, setDialog] = useState<'edit' | 'withdraw'>();
  const own = proposal.proposer?.id === user.id;
  const onBehalf = !own && isOffice(user);
  const editable = own && canEditContent(proposal.status);
  const withdrawable = (own || onBehalf) && canWithdraw(proposal.status);
  if (!editable && !withdrawable) return null;
  const done = (message: string) => (saved: ProposalDto) => {
    setDialog(undefined);
    onSuccess(message);
    onChanged(saved);
  };
  return (
    <div className={styles.buttons} role="group" aria-label={own ? '自分の提案の操作' : '取下げ'}>
      {editable && (
        <Button icon={<Edit20Regular />} onClick={() => setDialog('edit')}>
          内容を修正
        </Button>
      )}
      {withdrawable && (
        <Button icon={<ArrowUndo20Regular />} onClick={() => setDialog('withdraw')}>
          {onBehalf ? '代理で取下げ' : '取り下げる'}
        </Button>
      )}
      {editable && (
        <EditContentDialog
          open={dialog === 'edit'}
          proposal={proposal}
          onClose={() => setDialog(undefined)}
          onDone={done('内容を修正しました。')}
        />
      )}
      <WithdrawDialog
        open={dialog === 'withdraw'}
        proposal={proposal}
        onBehalf={onBehalf}
        onClose={() => setDialog(undefined)}
        onDone={done('提案を取り下げました。')}
      />
    </div>
  );
};
