import type { OperationImplementations } from './context.js';
import { worklogOperations } from './worklogs.js';

/** Every hand-written (stateful) operation implementation; the rest are answered from the response schemas. */
export const allOperations: OperationImplementations = {
  ...worklogOperations,
};
