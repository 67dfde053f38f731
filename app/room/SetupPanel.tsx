'use client';
import { useState } from 'react';
import { useTranslations } from 'use-intl';
import type { BoardState } from '../../domain/board';
import { LIMITS } from '../../domain/protocol';
import type { RoomApi } from './useRoom';

const input = 'rounded border border-slate-300 px-2 py-1 text-sm';
const button = 'rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100';

export function SetupPanel({ board, api }: { board: BoardState; api: RoomApi }) {
  const t = useTranslations('room.setup');
  const tr = useTranslations('room');
  const [kind, setKind] = useState(board.scale.kind);
  const [custom, setCustom] = useState(
    board.scale.kind === 'custom'
      ? board.scale.buckets
          .filter((b) => b.value !== null)
          .map((b) => b.label)
          .join(', ')
      : '0.5, 1, 2, 4, 8',
  );
  const [backAndForth, setBackAndForth] = useState(board.settings.pingPong.backAndForth);
  const [maxMoves, setMaxMoves] = useState(board.settings.pingPong.maxMoves);
  const [anonymous, setAnonymous] = useState(board.settings.anonymous);
  const [title, setTitle] = useState('');
  const [editing, setEditing] = useState<{ id: string; title: string } | null>(null);

  const applyScale = () => {
    if (kind === 'custom') {
      const values = custom
        .split(/[,;\s]+/)
        .map((v) => Number(v.replace(',', '.')))
        .filter((v) => Number.isFinite(v) && v > 0);
      void api.command({ type: 'scale.set', scale: { kind: 'custom', values } });
    } else void api.command({ type: 'scale.set', scale: { kind } });
  };

  return (
    <section aria-labelledby="setup-h" className="flex flex-col gap-4 rounded-lg border border-indigo-200 bg-white p-3">
      <h2 id="setup-h" className="font-semibold">
        {t('title')}
      </h2>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">{t('scale')}</legend>
        {(['effort', 'tshirt', 'custom'] as const).map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm">
            <input type="radio" name="scale" checked={kind === k} onChange={() => setKind(k)} />
            {t(k)}
          </label>
        ))}
        {kind === 'custom' && (
          <input
            aria-label={t('customValues')}
            placeholder={t('customValues')}
            className={input}
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
          />
        )}
        <button type="button" className={`${button} self-start`} onClick={applyScale}>
          {t('apply')}
        </button>
      </fieldset>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="font-medium">{t('pingPong')}</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={backAndForth} onChange={(e) => setBackAndForth(e.target.checked)} />
          {t('backAndForth')}
        </label>
        <label className="flex items-center gap-2">
          {t('maxMoves')}
          <input
            type="number"
            min={1}
            max={50}
            value={maxMoves}
            onChange={(e) => setMaxMoves(Number(e.target.value))}
            className={`${input} w-16`}
          />
          {t('times')}
        </label>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            checked={anonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
            className="mt-1"
            data-testid="anonymous"
          />
          {t('anonymous')}
        </label>
        <button
          type="button"
          className={`${button} self-start`}
          onClick={() => void api.command({ type: 'settings.set', pingPong: { backAndForth, maxMoves }, anonymous })}
        >
          {t('apply')}
        </button>
      </fieldset>
      <div className="flex flex-col gap-2">
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim()) return;
            void api.command({ type: 'card.add', title: title.trim(), key: null }).then((a) => a.ok && setTitle(''));
          }}
        >
          <input
            aria-label={t('newItem')}
            placeholder={t('newItem')}
            maxLength={LIMITS.titleLength}
            className={`${input} min-w-0 flex-1`}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <button type="submit" className={button}>
            {t('addItem')}
          </button>
        </form>
        <p className="text-sm text-slate-600">{t('items', { count: board.cards.length })}</p>
        <ol className="flex max-h-64 flex-col gap-1 overflow-y-auto text-sm">
          {board.cards.map((c) =>
            editing?.id === c.id ? (
              <li key={c.id}>
                <form
                  className="flex gap-1"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void api
                      .command({ type: 'card.edit', cardId: c.id, title: editing.title.trim() })
                      .then((a) => a.ok && setEditing(null));
                  }}
                >
                  <input
                    autoFocus
                    aria-label={t('edit')}
                    maxLength={LIMITS.titleLength}
                    className={`${input} min-w-0 flex-1`}
                    value={editing.title}
                    onChange={(e) => setEditing({ id: c.id, title: e.target.value })}
                  />
                  <button type="submit" className={button}>
                    {t('save')}
                  </button>
                </form>
              </li>
            ) : (
              <li key={c.id} className="flex items-center gap-1">
                <span className="flex-1 truncate" title={c.title}>
                  {c.key && <span className="font-mono text-xs text-slate-500">{c.key}</span>}
                  {c.key && ' '}
                  {c.title}
                </span>
                <button
                  type="button"
                  className="text-xs text-indigo-700 underline"
                  onClick={() => setEditing({ id: c.id, title: c.title })}
                >
                  {t('edit')}
                </button>
                <button
                  type="button"
                  className="text-xs text-rose-700 underline"
                  aria-label={`${tr('remove')}: ${c.title}`}
                  onClick={() => void api.command({ type: 'card.remove', cardId: c.id })}
                >
                  {'×'}
                </button>
              </li>
            ),
          )}
        </ol>
      </div>
    </section>
  );
}
