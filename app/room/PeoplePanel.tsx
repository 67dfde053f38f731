'use client';
import { useTranslations } from 'use-intl';
import { sortingProgress, type BoardState, type Role } from '../../domain/board';
import type { RoomApi } from './useRoom';

export function PeoplePanel({
  board,
  online,
  myId,
  facilitator,
  api,
}: {
  board: BoardState;
  online: string[];
  myId: string | null;
  facilitator: boolean;
  api: RoomApi;
}) {
  const t = useTranslations('room');
  const on = new Set(online);
  const progress = board.phase === 'sorting' ? sortingProgress(board) : null;
  const left = new Map(progress?.people.map((p) => [p.person.id, p.left]) ?? []);
  const people = Object.values(board.people).sort(
    (a, b) =>
      (left.get(b.id) ?? -1) - (left.get(a.id) ?? -1) || Number(on.has(b.id)) - Number(on.has(a.id)) || a.name.localeCompare(b.name),
  );
  const setRole = (personId: string, role: Role) => void api.command({ type: 'person.setRole', personId, role });
  return (
    <section aria-labelledby="people-h" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="people-h" className="mb-1 font-semibold">
        {t('people')} <span className="font-normal text-slate-600">({t('participants', { count: online.length })})</span>
      </h2>
      {progress && (
        <p
          className={`mb-2 rounded px-2 py-1 text-sm font-medium ${progress.everyoneDone ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-50 text-amber-900'}`}
          data-testid="sorting-progress"
        >
          {progress.everyoneDone ? t('progress.everyoneDone') : t('progress.stillSorting', { count: progress.sorting })}
          {progress.undealt > 0 ? ` · ${t('progress.undealt', { count: progress.undealt })}` : ''}
        </p>
      )}
      <ul className="flex max-h-96 flex-col gap-1 overflow-y-auto text-sm" data-testid="people">
        {people.map((p) => {
          const holds = left.get(p.id);
          return (
            <li key={p.id} className="flex flex-wrap items-center gap-x-2" data-person={p.name}>
              <span aria-hidden="true" className={on.has(p.id) ? 'text-emerald-600' : 'text-slate-300'}>
                ●
              </span>
              <span className="font-medium">{p.name}</span>
              <span className="text-slate-500">
                {t(p.role)}
                {p.id === myId ? ` · ${t('you')}` : ''}
                <span className="sr-only">{` · ${on.has(p.id) ? t('online') : t('offlineMark')}`}</span>
              </span>
              {holds !== undefined && (
                <span
                  className={`rounded px-1.5 text-xs font-semibold ${holds === 0 ? 'bg-emerald-100 text-emerald-800' : 'bg-amber-100 text-amber-900'}`}
                  data-testid="person-left"
                >
                  {holds === 0 ? t('progress.personDone') : t('progress.left', { count: holds })}
                </span>
              )}
              {facilitator && p.id !== myId && (
                <span className="ml-auto flex gap-1">
                  <select
                    aria-label={`${t('people')}: ${p.name}`}
                    className="rounded border border-slate-300 px-1 text-xs"
                    value=""
                    onChange={(e) => {
                      const v = e.target.value;
                      if (v === 'rename') {
                        const name = window.prompt(t('renamePrompt'), p.name)?.trim();
                        if (name && name !== p.name) void api.command({ type: 'person.rename', personId: p.id, name });
                      } else if (v === 'remove') void api.command({ type: 'person.remove', personId: p.id });
                      else if (v === 'facilitator' || v === 'participant' || v === 'observer') setRole(p.id, v);
                    }}
                  >
                    <option value="">{'…'}</option>
                    <option value="rename">{t('rename')}</option>
                    {p.role !== 'facilitator' && <option value="facilitator">{t('makeFacilitator')}</option>}
                    {p.role !== 'participant' && <option value="participant">{t('makeParticipant')}</option>}
                    {p.role !== 'observer' && <option value="observer">{t('makeObserver')}</option>}
                    <option value="remove">{t('remove')}</option>
                  </select>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
