'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { ActionResult, JiraConnectionInfo, JiraFieldsAnswer } from '../../../domain/integrations/wire';
import { Panel } from '../../plan/panels';
import { buttonClass, ErrorNote, Field, inputClass } from './ui';

type Props = {
  fields: JiraFieldsAnswer;
  boardId: number | null;
  onChoose: (body: { fieldId: string; boardId: number | null }) => Promise<ActionResult<JiraConnectionInfo>>;
};

/** The story-point field found in Jira (and why), changeable to any number field; optionally a board to write through. */
export function FieldChoice({ fields, boardId, onChoose }: Props) {
  const t = useTranslations('integrations.fields');
  const [fieldId, setFieldId] = useState(fields.chosen?.id ?? fields.suggested ?? '');
  const [board, setBoard] = useState(boardId === null ? '' : String(boardId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Parameters<typeof ErrorNote>[0]['error']>(null);
  const candidateIds = new Set(fields.candidates.map((c) => c.id));
  const boardNumber = board.trim() === '' ? null : Number(board);
  const boardValid = boardNumber === null || (Number.isInteger(boardNumber) && boardNumber > 0);

  return (
    <Panel title={t('title')} testId="jira-fields">
      <form
        className="flex max-w-xl flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!fieldId || !boardValid) return;
          setBusy(true);
          const r = await onChoose({ fieldId, boardId: boardNumber });
          setBusy(false);
          setError(r.ok ? null : r.error);
        }}
      >
        {fields.candidates.length === 0 ? (
          <p className="text-sm text-slate-700">{t('none')}</p>
        ) : (
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1 text-sm font-medium text-slate-700">{t('found')}</legend>
            {fields.candidates.map((c) => (
              <label key={c.id} className="flex flex-wrap items-baseline gap-x-2 2xl:text-lg">
                <input type="radio" name="sp-field" value={c.id} checked={fieldId === c.id} onChange={() => setFieldId(c.id)} />
                <span className="font-medium">{c.name}</span>
                <span className="text-sm text-slate-500">{t('candidate', { id: c.id, reason: t(`reason.${c.reason}`) })}</span>
              </label>
            ))}
          </fieldset>
        )}
        <Field id="sp-other" label={t('other')}>
          <select
            id="sp-other"
            className={inputClass}
            value={candidateIds.has(fieldId) ? '' : fieldId}
            onChange={(e) => setFieldId(e.target.value)}
          >
            <option value="">—</option>
            {fields.numberFields
              .filter((f) => !candidateIds.has(f.id))
              .map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name} ({f.id})
                </option>
              ))}
          </select>
        </Field>
        <Field id="sp-board" label={t('board')} hint={t('boardHint')}>
          <input
            id="sp-board"
            className={`${inputClass} w-40`}
            inputMode="numeric"
            value={board}
            onChange={(e) => setBoard(e.target.value)}
            aria-invalid={!boardValid || undefined}
          />
        </Field>
        {fields.boardNote && (
          <p className="text-sm text-amber-800" data-testid="board-note">
            {t(`boardNote.${fields.boardNote}`)}
          </p>
        )}
        <ErrorNote error={error} testId="field-error" />
        <div>
          <button type="submit" className={buttonClass} disabled={busy || !fieldId || !boardValid}>
            {t('save')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
