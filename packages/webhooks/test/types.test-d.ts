import type { WorklogCreatedEvent } from '@tempo-sdk/types';
import { describe, expectTypeOf, it } from 'vitest';
import { createTempoWebhookHandler, type TempoWebhookEvent, type TempoWebhookEventOf } from '../src/index.js';

describe('event types', () => {
  it('narrow the payload by eventType', () => {
    const handle = (event: TempoWebhookEvent) => {
      switch (event.eventType) {
        case 'worklog.created':
          expectTypeOf(event.payload.tempoWorklogId).toEqualTypeOf<number>();
          break;
        case 'team.memberships.deleted':
          expectTypeOf(event.payload.memberships[0]!.isRemovedFromTheTeam).toEqualTypeOf<boolean | undefined>();
          break;
        case 'holiday.updated':
          expectTypeOf(event.payload.changed.id).toEqualTypeOf<number>();
      }
    };
    expectTypeOf(handle).toBeFunction();
    expectTypeOf<TempoWebhookEventOf<'worklog.created'>>().toEqualTypeOf<WorklogCreatedEvent>();
  });

  it('type each callback by its key', () => {
    createTempoWebhookHandler({
      sharedSecret: 's',
      on: {
        'team.updated': (event) => expectTypeOf(event.payload.original.name).toEqualTypeOf<string | undefined>(),
        // @ts-expect-error a worklog event has no `memberships`
        'worklog.deleted': (event) => event.payload.memberships,
      },
    });
  });
});
