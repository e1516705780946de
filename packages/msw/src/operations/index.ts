import { accountOperations } from './accounts.js';
import type { OperationResolvers } from './context.js';
import { organisationOperations } from './organisation.js';
import { planningOperations } from './planning.js';
import { scheduleOperations } from './schedules.js';
import { worklogOperations } from './worklogs.js';

/** Every hand-written (stateful) operation implementation; the rest are answered from the response schemas. */
export const allResolvers: OperationResolvers = {
  ...worklogOperations,
  ...accountOperations,
  ...organisationOperations,
  ...scheduleOperations,
  ...planningOperations,
};
