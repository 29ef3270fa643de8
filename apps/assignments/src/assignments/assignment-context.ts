/**
 * What every assignment-related view shows about its assignment: the plan, the task, the unit that
 * has the work and the unit that gave it. One SQL fragment, row type and mapping, shared by the
 * assignment, deadline and extension reads (each joins `assignments a`).
 */
export const ASSIGNMENT_CONTEXT_COLUMNS = `a.plan_id, a.plan_symbol, a.plan_title, a.task_id, a.task_number, a.task_title,
    u.id::text AS unit_id, u.code AS unit_code, u.name AS unit_name,
    s.id::text AS assigner_id, s.code AS assigner_code, s.name AS assigner_name`;

export const ASSIGNMENT_CONTEXT_JOINS = `JOIN units u ON u.id = a.unit_id
  JOIN units s ON s.id = a.assigner_unit_id`;

export interface AssignmentContextRow {
  plan_id: string;
  plan_symbol: string;
  plan_title: string;
  task_id: string;
  task_number: string;
  task_title: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  assigner_id: string;
  assigner_code: string;
  assigner_name: string;
}

export function assignmentContext(row: AssignmentContextRow) {
  return {
    plan: { id: row.plan_id, symbol: row.plan_symbol, title: row.plan_title },
    task: { id: row.task_id, number: row.task_number, title: row.task_title },
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
    assigner: { id: row.assigner_id, code: row.assigner_code, name: row.assigner_name },
  };
}
