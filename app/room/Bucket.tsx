'use client';
import { useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';

export function DropZone({
  id,
  label,
  header,
  children,
  className,
  disabled,
}: {
  id: string;
  label: string;
  header: ReactNode;
  children: ReactNode;
  className?: string;
  disabled?: boolean;
}) {
  const { setNodeRef, isOver } = useDroppable({ id, data: { label }, disabled });
  return (
    <section
      ref={setNodeRef}
      aria-label={label}
      data-bucket={id}
      className={`flex min-h-32 flex-col rounded-lg border-2 p-1.5 transition-colors ${isOver ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 bg-slate-100'} ${className ?? ''}`}
    >
      {header}
      <ul className="mt-1.5 flex flex-1 flex-col gap-1.5">{children}</ul>
    </section>
  );
}
