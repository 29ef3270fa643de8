import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting service's base tables (facts, each written once by the event or request that
 * establishes it) and its roll-up tables (`agg_*`: one row per subtree root and dimension, kept
 * incrementally in the same transaction as each fact and reproducible from the facts alone, see
 * rollup/rollup.sql.ts). `unit_id` in an agg table is the root of the subtree the row sums over.
 */
export class Reporting1735000000000 implements MigrationInterface {
  name = 'Reporting1735000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);

    // Copy of the org tree, from directory.units.upserted (same version watermark as assignments).
    await q(`
      CREATE TABLE units (
        id bigint PRIMARY KEY,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        parent_id bigint,
        path ltree NOT NULL,
        version bigint NOT NULL
      )`);
    await q('CREATE INDEX units_path ON units USING gist (path)');
    await q('CREATE INDEX units_parent ON units (parent_id, code)');
    await q('CREATE UNIQUE INDEX units_code ON units (code)');
    await q(`
      CREATE TABLE directory_versions (
        version bigint PRIMARY KEY,
        chunk_count integer NOT NULL,
        chunks_received integer NOT NULL
      )`);

    // What plans ask to report, from plans.plan.issued.
    await q(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY,
        symbol text NOT NULL,
        title text NOT NULL,
        issue_date date NOT NULL,
        issuer_id bigint NOT NULL,
        issuer_path ltree NOT NULL,
        issuer jsonb NOT NULL,
        signer text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q('CREATE INDEX plans_issuer_path ON plans USING gist (issuer_path)');
    await q(`
      CREATE TABLE indicators (
        plan_id uuid NOT NULL REFERENCES plans (id),
        code text NOT NULL,
        position integer NOT NULL,
        definition jsonb NOT NULL,
        PRIMARY KEY (plan_id, code)
      )`);
    await q(`
      CREATE TABLE targets (
        plan_id uuid NOT NULL REFERENCES plans (id),
        code text NOT NULL,
        position integer NOT NULL,
        definition jsonb NOT NULL,
        PRIMARY KEY (plan_id, code)
      )`);
    await q(`
      CREATE TABLE obligations (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL REFERENCES plans (id),
        code text NOT NULL,
        position integer NOT NULL,
        title text NOT NULL,
        timeline text NOT NULL,
        deadline jsonb NOT NULL,
        recurrence text NOT NULL CHECK (recurrence IN ('once', 'year', 'quarter')),
        target jsonb NOT NULL,
        to_unit jsonb,
        through text,
        through_unit jsonb,
        indicator_codes text[] NOT NULL,
        until date,
        ad_hoc boolean NOT NULL DEFAULT false,
        UNIQUE (plan_id, code)
      )`);
    // Periods opened so far: one row per obligation and period, each with its deadline.
    await q(`
      CREATE TABLE report_periods (
        obligation_id uuid NOT NULL REFERENCES obligations (id),
        period_key text NOT NULL,
        label text NOT NULL,
        due_at timestamptz NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (obligation_id, period_key)
      )`);

    // One expected report per (obligation, period, reporting unit), with its deadline.
    await q(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL,
        obligation_id uuid NOT NULL REFERENCES obligations (id),
        period_key text NOT NULL,
        unit_id bigint NOT NULL REFERENCES units (id),
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'draft', 'submitted', 'returned', 'resubmitted', 'accepted')),
        version integer NOT NULL DEFAULT 0,
        first_submitted_at timestamptz,
        last_submitted_at timestamptz,
        return_reason text,
        draft jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (obligation_id, period_key, unit_id)
      )`);
    await q('CREATE INDEX reports_unit ON reports (unit_id, due_at)');
    await q('CREATE INDEX reports_plan ON reports (plan_id, period_key)');
    // Every submitted version, kept; the review of each is written onto it.
    await q(`
      CREATE TABLE report_versions (
        report_id uuid NOT NULL REFERENCES reports (id),
        version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('submitted', 'resubmitted')),
        figures jsonb NOT NULL,
        note text,
        submitted_by uuid NOT NULL,
        submitted_at timestamptz NOT NULL,
        idempotency_key text,
        review jsonb,
        PRIMARY KEY (report_id, version),
        UNIQUE (report_id, idempotency_key)
      )`);
    // The figures of reports currently received (submitted, resubmitted or accepted): what rolls up.
    await q(`
      CREATE TABLE report_figures (
        report_id uuid NOT NULL REFERENCES reports (id),
        indicator_code text NOT NULL,
        plan_id uuid NOT NULL,
        obligation_id uuid NOT NULL,
        period_key text NOT NULL,
        unit_id bigint NOT NULL,
        num numeric,
        flag boolean,
        txt text,
        yes boolean NOT NULL DEFAULT false,
        PRIMARY KEY (report_id, indicator_code)
      )`);
    await q('CREATE INDEX report_figures_indicator ON report_figures (obligation_id, period_key, indicator_code)');

    // Assignments as the assignments service reports them.
    await q(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        task_id uuid NOT NULL,
        unit_id bigint NOT NULL REFERENCES units (id),
        due_at timestamptz,
        status text NOT NULL CHECK (status IN ('new', 'acknowledged', 'in_progress', 'done')),
        done_at timestamptz
      )`);
    await q('CREATE INDEX assignments_unit ON assignments (unit_id, due_at)');
    await q('CREATE INDEX assignments_plan ON assignments (plan_id)');

    // Ratings: one current level per unit and period, recorded by an upper unit; every change kept.
    await q(`
      CREATE TABLE ratings (
        unit_id bigint NOT NULL REFERENCES units (id),
        period text NOT NULL,
        level text NOT NULL CHECK (level IN ('excellent', 'good', 'done', 'not_done')),
        suggested text,
        note text,
        rated_by uuid NOT NULL,
        rater_unit jsonb NOT NULL,
        rated_at timestamptz NOT NULL,
        PRIMARY KEY (unit_id, period)
      )`);
    await q(`
      CREATE TABLE rating_history (
        seq bigserial PRIMARY KEY,
        unit_id bigint NOT NULL,
        period text NOT NULL,
        level text NOT NULL,
        suggested text,
        note text,
        rated_by uuid NOT NULL,
        rater_unit jsonb NOT NULL,
        rated_at timestamptz NOT NULL
      )`);
    await q(`
      CREATE TABLE rating_rules (
        unit_id bigint PRIMARY KEY,
        rules jsonb NOT NULL,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Roll-ups: a row per subtree root (unit_id) and dimension; never an all-zero row.
    await q(`
      CREATE TABLE agg_assignments (
        plan_id uuid NOT NULL,
        unit_id bigint NOT NULL,
        due_at timestamptz NOT NULL,
        n_new integer NOT NULL DEFAULT 0,
        n_acknowledged integer NOT NULL DEFAULT 0,
        n_in_progress integer NOT NULL DEFAULT 0,
        n_done integer NOT NULL DEFAULT 0,
        n_done_on_time integer NOT NULL DEFAULT 0,
        PRIMARY KEY (plan_id, unit_id, due_at)
      )`);
    await q(`
      CREATE TABLE agg_reports (
        obligation_id uuid NOT NULL,
        period_key text NOT NULL,
        unit_id bigint NOT NULL,
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        plan_id uuid NOT NULL,
        expected integer NOT NULL DEFAULT 0,
        received integer NOT NULL DEFAULT 0,
        on_time integer NOT NULL DEFAULT 0,
        accepted integer NOT NULL DEFAULT 0,
        returned integer NOT NULL DEFAULT 0,
        PRIMARY KEY (obligation_id, period_key, unit_id, kind, due_at)
      )`);
    await q('CREATE INDEX agg_reports_plan_unit ON agg_reports (plan_id, unit_id)');
    await q(`
      CREATE TABLE agg_figures (
        obligation_id uuid NOT NULL,
        period_key text NOT NULL,
        indicator_code text NOT NULL,
        unit_id bigint NOT NULL,
        plan_id uuid NOT NULL,
        n integer NOT NULL DEFAULT 0,
        sum numeric NOT NULL DEFAULT 0,
        yes integer NOT NULL DEFAULT 0,
        min numeric,
        max numeric,
        PRIMARY KEY (obligation_id, period_key, indicator_code, unit_id)
      )`);
    await q('CREATE INDEX agg_figures_unit ON agg_figures (unit_id, obligation_id, period_key)');
    await q(`
      CREATE TABLE agg_ratings (
        period text NOT NULL,
        unit_id bigint NOT NULL,
        kind text NOT NULL,
        level text NOT NULL,
        n integer NOT NULL DEFAULT 0,
        PRIMARY KEY (period, unit_id, kind, level)
      )`);
    await q(`
      CREATE TABLE agg_units (
        unit_id bigint NOT NULL,
        kind text NOT NULL,
        n integer NOT NULL DEFAULT 0,
        PRIMARY KEY (unit_id, kind)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'agg_units', 'agg_ratings', 'agg_figures', 'agg_reports', 'agg_assignments', 'rating_rules', 'rating_history',
      'ratings', 'assignments', 'report_figures', 'report_versions', 'reports', 'report_periods', 'obligations',
      'targets', 'indicators', 'plans', 'directory_versions', 'units',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
