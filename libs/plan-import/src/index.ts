export { parsePlanDocument, emptyPlan, type ParseOptions } from './parse-plan-document.js';
export { keyOf } from './text.js';
export { splitBodies } from './split-bodies.js';
