import { Badge, Button, Field, Input, makeStyles, Text, Textarea, tokens } from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { answerTemplateLimits, answerTemplatePlaceholders } from '#shared/answer-template';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';
import { ErrorState, LoadingState } from '../StateViews';
import { useAnswerTemplates } from './useAnswerTemplates';

const useStyles = makeStyles({
  surface: { maxWidth: '720px' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  itemText: { flexGrow: 1, minWidth: '200px', display: 'flex', flexDirection: 'column' },
  preview: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  addButton: { alignSelf: 'flex-start' },
});

const placeholderHint = `${answerTemplatePlaceholders.map((name) => `{${name}}`).join(' ')} は、選んだときに提案の内容に置き換わります。`;

type Templates = ReturnType<typeof useAnswerTemplates>;

const TemplateForm = ({ templates }: { templates: Templates }) => {
  const { form } = templates;
  return (
    <>
      <Field
        label="名前"
        required
        validationMessage={form.submitted && form.missing.title ? '名前を入力してください。' : undefined}
      >
        <Input
          value={form.title}
          maxLength={answerTemplateLimits.title}
          onChange={(_event, data) => form.setTitle(data.value)}
        />
      </Field>
      <Field
        label="本文"
        required
        hint={placeholderHint}
        validationMessage={form.submitted && form.missing.body ? '本文を入力してください。' : undefined}
      >
        <Textarea
          value={form.body}
          maxLength={answerTemplateLimits.body}
          rows={6}
          resize="vertical"
          onChange={(_event, data) => form.setBody(data.value)}
        />
      </Field>
      {templates.saveError !== undefined && (
        <ActionError error={templates.saveError} title="保存できませんでした" />
      )}
    </>
  );
};

const TemplateList = ({ templates }: { templates: Templates }) => {
  const styles = useStyles();
  const { list } = templates;
  if (list.error !== undefined)
    return <ErrorState error={list.error} title="定型回答を読み込めませんでした" onRetry={list.reload} />;
  if (!list.data) return <LoadingState label="定型回答を読み込んでいます…" />;
  return (
    <>
      <Button
        className={styles.addButton}
        icon={<Add20Regular />}
        onClick={() => templates.startEditing({ kind: 'new' })}
      >
        新しい定型回答
      </Button>
      {list.data.items.length === 0 ? (
        <Text>定型回答はまだありません。よく使う回答を登録すると、状態の変更で選べます。</Text>
      ) : (
        <ul className={styles.list} aria-label="定型回答">
          {list.data.items.map((template) => (
            <li key={template.id} className={styles.item}>
              <div className={styles.itemText}>
                <Text weight="semibold">{template.title}</Text>
                <Text size={200} className={styles.preview} truncate wrap={false}>
                  {template.body}
                </Text>
              </div>
              {!template.isActive && <Badge appearance="outline">使用停止中</Badge>}
              <Button size="small" onClick={() => templates.startEditing({ kind: 'edit', template })}>
                編集
              </Button>
              <Button
                size="small"
                disabled={templates.toggling}
                onClick={() => void templates.toggle(template)}
              >
                {template.isActive ? '使用を停止' : '再開'}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {templates.toggleError !== undefined && (
        <ActionError error={templates.toggleError} title="変更できませんでした" />
      )}
    </>
  );
};

/** 定型回答の管理 (office): the list, adding, editing, retiring and restoring. */
export const AnswerTemplatesDialog = ({ open, onClose }: { open: boolean; onClose(): void }) => {
  const styles = useStyles();
  const templates = useAnswerTemplates(open);
  const { editing } = templates;
  return (
    <FormDialog
      open={open}
      className={styles.surface}
      title={!editing ? '定型回答の管理' : editing.kind === 'new' ? '定型回答を追加' : '定型回答を編集'}
      onClose={onClose}
      {...(editing
        ? {
            onSubmit: templates.save,
            submitLabel: '保存',
            busyLabel: '保存しています…',
            busy: templates.saving,
            cancelLabel: '一覧に戻る',
            onCancel: () => templates.startEditing(undefined),
          }
        : { form: false, cancelLabel: '閉じる' })}
    >
      {editing ? <TemplateForm templates={templates} /> : <TemplateList templates={templates} />}
    </FormDialog>
  );
};
