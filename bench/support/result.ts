/**
 * One line of a benchmark's report: our figure, the baseline measured in the same run, and their
 * ratio (ours / baseline), with the goal the issue sets. Absolute times on a shared 2-core machine
 * mean little; the ratio is what to compare across runs.
 */
export interface Figure {
  name: string;
  ours: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  goal?: string;
  met?: boolean;
}

export interface ScenarioResult {
  scenario: string;
  size: string;
  figures: Figure[];
  peakRssMiB?: Record<string, number | null>;
  notes?: string[];
}

export function figure(name: string, ours: number, unit: string, baseline?: { name: string; value: number }, goal?: { text: string; met: (ratio: number, ours: number) => boolean }): Figure {
  const ratio = baseline ? Number((ours / baseline.value).toFixed(2)) : undefined;
  return {
    name,
    ours: Number(ours.toFixed(1)),
    unit,
    ...(baseline ? { baseline: { name: baseline.name, value: Number(baseline.value.toFixed(1)) }, ratio } : {}),
    ...(goal ? { goal: goal.text, met: goal.met(ratio ?? NaN, ours) } : {}),
  };
}

export function printResult(result: ScenarioResult): void {
  console.log(`\n== ${result.scenario} (${result.size})`);
  for (const f of result.figures) {
    const base = f.baseline ? `  baseline ${f.baseline.name}: ${f.baseline.value} ${f.unit}  ratio ${f.ratio}×` : '';
    const goal = f.goal ? `  goal ${f.goal}: ${f.met ? 'met' : 'NOT met'}` : '';
    console.log(`  ${f.name}: ${f.ours} ${f.unit}${base}${goal}`);
  }
  if (result.peakRssMiB) {
    console.log(`  peak RSS (MiB): ${Object.entries(result.peakRssMiB).map(([k, v]) => `${k} ${v ?? '?'}`).join(', ')}`);
  }
  for (const note of result.notes ?? []) console.log(`  note: ${note}`);
}

/** The results as Markdown tables, for docs/performance.md. */
export function markdown(results: ScenarioResult[], machine: Record<string, unknown>, at: string): string {
  const lines = [`Run ${at} on ${JSON.stringify(machine)}.`];
  for (const result of results) {
    lines.push('', `**${result.scenario}** (${result.size})`, '', '| figure | ours | baseline (same run) | ratio | goal |', '| --- | --- | --- | --- | --- |');
    for (const f of result.figures) {
      const base = f.baseline ? `${f.baseline.name}: ${f.baseline.value} ${f.unit}` : '';
      const goal = f.goal ? `${f.goal} ${f.met ? 'met' : '**not met**'}` : '';
      lines.push(`| ${f.name} | ${f.ours} ${f.unit} | ${base} | ${f.ratio !== undefined ? `${f.ratio}×` : ''} | ${goal} |`);
    }
    if (result.peakRssMiB) lines.push('', `Peak RSS (MiB): ${Object.entries(result.peakRssMiB).map(([k, v]) => `${k} ${v ?? '?'}`).join(', ')}`);
    for (const note of result.notes ?? []) lines.push('', `Note: ${note}`);
  }
  return `${lines.join('\n')}\n`;
}
