import { DateTime } from 'luxon';
import {
  RATING_LABELS,
  RATING_LEVELS,
  REPORT_STATUS_LABELS,
  type IndicatorDefinition,
  type ProgressNode,
  type RatingLevel,
  type ReportStatus,
  type UnitSummary,
} from '#contracts';
import { LOCAL_ZONE } from '#timeline';
import { fill, type ReportTemplate } from './report-template.js';

/** One line of the units table: a unit directly below (its whole subtree), the unit itself, or the total. */
export interface ConsolidatedRow {
  order: number | null;
  code: string;
  name: string;
  kind: string;
  tasks: { total: number; done: number; doneOnTime: number; overdue: number };
  reports: { expected: number; received: number; onTime: number } | null;
  reportStatus: string;
  figures: Record<string, number | null>;
  /** Full wording, and the short one for narrow tables. */
  rating: string | null;
  ratingShort: string | null;
}

/** Everything the DOCX and XLSX writers lay out, already worded by the template. */
export interface ConsolidatedReport {
  template: ReportTemplate;
  values: Record<string, string>;
  summary: UnitSummary;
  indicators: IndicatorDefinition[];
  through: string | null;
  rows: ConsolidatedRow[];
  totals: ConsolidatedRow;
  signer: string | null;
  /** Paragraphs of the body, by section (already filled). */
  text: {
    reporting: string[];
    tasks: string[];
    ratings: string[];
    targets: string[];
  };
}

/** 1.234.567 and 93,33: numbers as Vietnamese documents write them. */
export function vn(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  const [whole, fraction] = Math.abs(rounded).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const trimmed = fraction?.replace(/0+$/, '');
  return `${rounded < 0 ? '-' : ''}${grouped}${trimmed ? `,${trimmed}` : ''}`;
}

export const percent = (value: number | null) => (value === null ? '–' : `${vn(value)}%`);

export interface OwnFacts {
  tasks: ConsolidatedRow['tasks'];
  report: { status: ReportStatus; onTime: boolean } | null;
  figures: Record<string, number | null>;
  rating: RatingLevel | null;
}

export interface ReportContext {
  template: ReportTemplate;
  summary: UnitSummary;
  upperUnitName: string;
  indicators: IndicatorDefinition[];
  through: string | null;
  children: ProgressNode[];
  own: OwnFacts | null;
  number?: string;
  issuerCode?: string;
  place?: string;
  date?: string;
  signer?: string | null;
}

function statusOf(node: Pick<ProgressNode, 'reporting' | 'ownReport'>): string {
  if (node.ownReport && node.reporting?.expected === 1) return REPORT_STATUS_LABELS[node.ownReport.status];
  if (!node.reporting || node.reporting.expected === 0) return '';
  return `${node.reporting.received}/${node.reporting.expected}`;
}

/** Builds the report's content from a unit's summary and the rows of the units below it. */
export function buildConsolidatedReport(context: ReportContext): ConsolidatedReport {
  const { template, summary } = context;
  const L = template.labels;
  const date = context.date ? DateTime.fromISO(context.date, { zone: LOCAL_ZONE }) : DateTime.fromISO(summary.asOf, { zone: LOCAL_ZONE });
  const asOf = DateTime.fromISO(summary.asOf, { zone: LOCAL_ZONE }).toFormat('HH:mm dd/MM/yyyy');
  const values: Record<string, string> = {
    unitName: summary.unit.name,
    unitCode: summary.unit.code,
    upperUnitName: context.upperUnitName,
    planSymbol: summary.plan.symbol,
    planTitle: summary.plan.title,
    planIssuer: summary.plan.issuer.name,
    periodLabel: summary.selection?.label ?? '',
    ratingPeriod: summary.ratingPeriod,
    asOf,
    number: context.number ?? '     ',
    issuerCode: context.issuerCode ?? summary.unit.code,
    place: context.place ?? '……………',
    day: date.toFormat('dd'),
    month: date.toFormat('MM'),
    year: String(date.year),
  };

  const selected = summary.reporting.find((p) => p.obligationId === summary.selection?.obligationId && p.period === summary.selection?.period);
  const reporting: string[] = [];
  if (selected) {
    reporting.push(
      fill(L.reportingLine, {
        expected: vn(selected.expected),
        received: vn(selected.received),
        rate: percent(selected.rate),
        onTime: vn(selected.onTime),
        late: vn(selected.late),
        returned: vn(selected.returned),
        missing: vn(selected.missing),
      }),
    );
    for (const level of selected.byLevel) {
      reporting.push(fill(L.reportingLevel, { kind: level.kind, received: vn(level.received), expected: vn(level.expected), onTime: vn(level.onTime) }));
    }
    if (context.through) reporting.push(fill(L.through, { through: context.through }));
  }

  const a = summary.assignments;
  const tasks = [
    fill(L.tasksLine, {
      total: vn(a.total),
      done: vn(a.done),
      completionRate: percent(a.completionRate),
      doneOnTime: vn(a.doneOnTime),
      overdue: vn(a.overdue),
    }),
  ];

  const ratings = summary.ratings
    .filter((d) => d.rated > 0)
    .map((d) =>
      fill(L.ratingLine, {
        kind: d.kind,
        units: vn(d.units),
        rated: vn(d.rated),
        counts: RATING_LEVELS.map((level) => `${RATING_LABELS[level]}: ${vn(d.counts[level])}`).join('; '),
      }),
    );
  if (ratings.length === 0) ratings.push(fill(L.noRatings, values));

  const targets = summary.targets.map((t) => fill(L.targetLine, { text: t.text, status: template.targetStatus[t.status], explanation: t.explanation }));
  if (targets.length === 0) targets.push(L.noTargets);

  const ratingLabel = (level: RatingLevel | null) => (level ? RATING_LABELS[level] : null);
  const ratingShort = (level: RatingLevel | null) => (level ? template.ratingShort[level] : null);
  const rows: ConsolidatedRow[] = context.children.map((node, i) => ({
    order: i + 1,
    code: node.unit.code,
    name: node.unit.name,
    kind: node.unit.kind,
    tasks: { total: node.assignments.total, done: node.assignments.done, doneOnTime: node.assignments.doneOnTime, overdue: node.assignments.overdue },
    reports: node.reporting ? { expected: node.reporting.expected, received: node.reporting.received, onTime: node.reporting.onTime } : null,
    reportStatus: statusOf(node),
    figures: node.figures,
    rating: ratingLabel(node.rating),
    ratingShort: ratingShort(node.rating),
  }));
  if (context.own) {
    rows.push({
      order: rows.length + 1,
      code: summary.unit.code,
      name: fill(L.ownRow, values),
      kind: summary.unit.kind,
      tasks: context.own.tasks,
      reports: context.own.report ? { expected: 1, received: context.own.report.status === 'pending' || context.own.report.status === 'draft' || context.own.report.status === 'returned' ? 0 : 1, onTime: context.own.report.onTime ? 1 : 0 } : null,
      reportStatus: context.own.report ? REPORT_STATUS_LABELS[context.own.report.status] : '',
      figures: context.own.figures,
      rating: ratingLabel(context.own.rating),
      ratingShort: ratingShort(context.own.rating),
    });
  }
  const totals: ConsolidatedRow = {
    order: null,
    code: '',
    name: L.total,
    kind: '',
    tasks: { total: a.total, done: a.done, doneOnTime: a.doneOnTime, overdue: a.overdue },
    reports: selected ? { expected: selected.expected, received: selected.received, onTime: selected.onTime } : null,
    reportStatus: selected ? `${selected.received}/${selected.expected}` : '',
    figures: Object.fromEntries(summary.figures.map((f) => [f.code, f.value])),
    rating: null,
    ratingShort: null,
  };
  return {
    template,
    values,
    summary,
    indicators: context.indicators,
    through: context.through,
    rows,
    totals,
    signer: context.signer ?? null,
    text: { reporting, tasks, ratings, targets },
  };
}

/** A figure as a table cell shows it: yes/no words, percentages with %, numbers Vietnamese-style. */
export function figureText(indicator: IndicatorDefinition, value: number | null): string {
  if (value === null) return '–';
  if (indicator.rollup === 'share' || indicator.type === 'percentage') return percent(value);
  return vn(value);
}
