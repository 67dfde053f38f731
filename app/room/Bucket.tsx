'use client';
import { useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';

export function DropZone({
  id,
  label,
  header,
  children,
  className,
}: {
  id: string;
  label: string;
  header: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const { setNodeRef, isOver } = useDroppable({ id, data: { label } });
  return (
    <section
      ref={setNodeRef}
      aria-label={label}
      data-bucket={id}
      className={`flex min-h-40 flex-col rounded-lg border-2 p-2 transition-colors ${isOver ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 bg-slate-100'} ${className ?? ''}`}
    >
      {header}
      <ul className="mt-2 flex flex-1 flex-col gap-2">{children}</ul>
    </section>
  );
}
