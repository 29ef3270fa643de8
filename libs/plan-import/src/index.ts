/**
 * Plan import: a Vietnamese plan document (text, or .docx through mammoth) read into a structured
 * ImportedPlan, its bodies matched to units of the importer's tree, and a draft PlanInput built
 * from both. Pure except documentToText (async, reads a buffer) and matchBodies (async, through an
 * injected lookup). No Nest, no database.
 */
export { parsePlanDocument, emptyPlan, type ParseOptions } from './parse-plan-document.js';
export { documentToText, readDocx, htmlToText, DocumentReadError, type DocumentText } from './document-to-text.js';
export {
  collectBodies,
  matchBodies,
  matchBody,
  readGroup,
  CELL_KIND,
  type BodyGroup,
  type UnitCandidate,
  type UnitLookup,
} from './bodies.js';
export { toPlanInput, PLACEHOLDER_TIMELINE, type Draft, type DraftOptions } from './draft.js';
export { renderTree, describeDeadline } from './render-tree.js';
export { splitBodies } from './split-bodies.js';
export { keyOf } from './text.js';
