// The creation evaluation module's public face (seed 004, DB43): its routes, and what other modules may read.
export { evaluationRoutes } from './evaluation.routes';
export { reviewRoutes } from './review/review.routes';
export { selfRoutes } from './self/self.routes';
export { rectificationRoutes } from './rectification/rectification.routes';
export { evaluationDocRoutes } from './evaluation-docs.routes';
export { EVALUATION_FRAMEWORK_ID } from './evaluation.commands';
