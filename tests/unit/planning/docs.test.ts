import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computePlan } from '../../../domain/planning';

// docs/planning.md shows real input/output pairs; this keeps them true.
const doc = readFileSync(fileURLToPath(new URL('../../../docs/planning.md', import.meta.url)), 'utf8');

function example(name: string): unknown {
  const marker = `<!-- planning-example: ${name} -->`;
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`missing ${marker}`);
  const block = /```json\n([\s\S]*?)\n```/.exec(doc.slice(at));
  if (!block) throw new Error(`no json block after ${marker}`);
  return JSON.parse(block[1]!);
}

describe('docs/planning.md examples', () => {
  it('PLAN-IO-1 the worked example output in the docs is exactly what computePlan returns', () => {
    expect(computePlan(example('worked input'))).toStrictEqual(example('worked output'));
  });

  it('PLAN-ANS-1 the uncertainty example (growth, split, risks, throughput, answers) is exactly what computePlan returns', () => {
    expect(computePlan(example('uncertainty input'))).toStrictEqual(example('uncertainty output'));
  });

  it('PLAN-IO-1 the sprint review example excerpt matches computePlan', () => {
    expect(computePlan(example('review input'))).toMatchObject(example('review output') as object);
  });
});
