import { useEffect, useState } from 'react';
import type { AnswerTemplateDto } from '#shared/answer-template';
import { changeAnswerTemplate, createAnswerTemplate, listAnswerTemplates } from '../../api/answer-templates';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';

/** What the management dialog shows: the list, or the form for a new template or an existing one. */
export type TemplateEditing = { kind: 'new' } | { kind: 'edit'; template: AnswerTemplateDto };

/**
 * 定型回答の管理: the templates (retired ones too), one edit at a time, each save or retirement sent
 * with the version shown; after each the list loads again.
 */
export const useAnswerTemplates = (open: boolean) => {
  const list = useApiQuery(open ? ['answer-templates', true] : null, (api, signal) =>
    listAnswerTemplates(api, true, signal),
  );
  const [editing, setEditing] = useState<TemplateEditing>();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const save = useAction((api, target: TemplateEditing) =>
    target.kind === 'new'
      ? createAnswerTemplate(api, { title, body })
      : changeAnswerTemplate(api, target.template.id, { version: target.template.version, title, body }),
  );
  const toggle = useAction((api, template: AnswerTemplateDto) =>
    changeAnswerTemplate(api, template.id, { version: template.version, isActive: !template.isActive }),
  );
  const { reset } = save;

  const startEditing = (target: TemplateEditing | undefined) => {
    setEditing(target);
    setTitle(target?.kind === 'edit' ? target.template.title : '');
    setBody(target?.kind === 'edit' ? target.template.body : '');
    setSubmitted(false);
    reset();
  };
  // Each opening starts at the list.
  useEffect(() => {
    if (open) startEditing(undefined);
  }, [open]);

  const missing = { title: !title.trim(), body: !body.trim() };
  return {
    list,
    editing,
    form: { title, setTitle, body, setBody, missing, submitted },
    startEditing,
    save: async () => {
      setSubmitted(true);
      if (!editing || missing.title || missing.body) return;
      if (await save.run(editing)) {
        startEditing(undefined);
        list.reload();
      }
    },
    saving: save.running,
    saveError: save.error,
    toggle: async (template: AnswerTemplateDto) => {
      if (await toggle.run(template)) list.reload();
    },
    toggling: toggle.running,
    toggleError: toggle.error,
  };
};
