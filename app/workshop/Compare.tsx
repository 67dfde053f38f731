'use client';
import { useMemo, useState } from 'react';
import { useTranslations } from 'use-intl';
import { backlogRows, compareSessions, type WorkshopPlanning } from '../../domain/workshop';
import { inputClass } from '../plan/fields';
import { Panel } from '../plan/panels';
import { useFigures } from '../plan/useFigures';
import { Message } from './Shell';

/** Two sessions side by side: which items moved and by how much. */
export function Compare({ data }: { data: WorkshopPlanning }) {
  const t = useTranslations('workshop.compare');
  const fig = useFigures();
  const sessions = data.sessions;
  const [aId, setA] = useState(sessions.at(-2)?.id ?? sessions[0]?.id ?? '');
  const [bId, setB] = useState(sessions.at(-1)?.id ?? '');
  const a = sessions.find((s) => s.id === aId);
  const b = sessions.find((s) => s.id === bId);
  const order = useMemo(() => [...data.items].sort((x, y) => x.position - y.position).map((i) => i.id), [data.items]);
  const result = useMemo(() => (a && b ? compareSessions(a, b, order) : null), [a, b, order]);
  const titles = new Map(data.items.map((i) => [i.id, i.title]));
  const total = useMemo(() => backlogRows(data).reduce((s, r) => s + (r.dropped ? 0 : (r.size.sizeAp ?? 0)), 0), [data]);
  if (sessions.length < 2) return <Message testId="compare-needs-two">{t('needsTwo')}</Message>;
  const select = (label: string, value: string, set: (v: string) => void, testId: string) => (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
      {label}
      <select value={value} onChange={(e) => set(e.target.value)} className={inputClass(false)} data-testid={testId}>
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Panel title={t('title')} testId="compare">
      <div className="mb-3 grid max-w-xl grid-cols-2 gap-3">
        {select(t('a'), aId, setA, 'compare-a')}
        {select(t('b'), bId, setB, 'compare-b')}
      </div>
      {result && (
        <>
          <p className="mb-2 text-slate-700 2xl:text-lg" data-testid="compare-summary">
            {t('summary', { moved: result.moved, same: result.same })}{' '}
            {result.both.count === 0
              ? t('bothNone', { total: fig.points(total) })
              : t('both', {
                  count: result.both.count,
                  a: a?.name ?? '',
                  b: b?.name ?? '',
                  sumA: fig.points(result.both.sumA),
                  sumB: fig.points(result.both.sumB),
                  delta: `${result.both.sumB >= result.both.sumA ? '+' : '−'}${fig.points(Math.abs(result.both.sumB - result.both.sumA))}`,
                  total: fig.points(total),
                })}
          </p>
          <table className="w-full border-collapse text-left tabular-nums 2xl:text-lg" data-testid="compare-table">
            <thead>
              <tr className="border-b border-slate-300 text-sm text-slate-600">
                <th className="py-1 pr-2 font-semibold">{t('item')}</th>
                <th className="py-1 pr-2 text-right font-semibold">{a?.name}</th>
                <th className="py-1 pr-2 text-right font-semibold">{b?.name}</th>
                <th className="py-1 pr-2 text-right font-semibold">{t('change')}</th>
                <th className="py-1 font-semibold">{t('what')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr
                  key={r.itemId}
                  className={`border-b border-slate-100 ${r.kind === 'same' ? 'text-slate-500' : ''}`}
                  data-testid="compare-row"
                  data-kind={r.kind}
                >
                  <td className="py-1 pr-2">{titles.get(r.itemId)}</td>
                  <td className="py-1 pr-2 text-right">{r.a?.label ?? '–'}</td>
                  <td className="py-1 pr-2 text-right">{r.b?.label ?? '–'}</td>
                  <td
                    className={`py-1 pr-2 text-right font-semibold ${r.kind === 'up' ? 'text-red-700' : r.kind === 'down' ? 'text-emerald-700' : ''}`}
                  >
                    {r.delta === null || r.delta === 0
                      ? ''
                      : t('delta', { sign: r.delta > 0 ? '+' : '−', value: fig.points(Math.abs(r.delta)) })}
                  </td>
                  <td className="py-1 text-sm text-slate-600">{t(`kinds.${r.kind}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
