import { ErrorEnvelope, OperatorHeaders, QueueParams, QueuePause } from '@execops/contract';
import type { QueuePauses } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const responses = { 200: QueuePause, 400: ErrorEnvelope, 409: ErrorEnvelope };

/** Pause and resume queues (audited; the queue health report shows the state). */
export const queueRoutes: FastifyPluginAsyncZod<{ pauses: QueuePauses }> = async (app, { pauses }) => {
  app.post(
    '/queues/:queue/pause',
    { schema: { tags: ['queues'], summary: 'Stop claiming jobs of this queue', params: QueueParams, headers: OperatorHeaders, response: responses } },
    async (request) => pauses.pause(requestTenant(request), request.params.queue, requestOperator(request)),
  );
  app.post(
    '/queues/:queue/resume',
    { schema: { tags: ['queues'], summary: 'Claim jobs of this queue again', params: QueueParams, headers: OperatorHeaders, response: responses } },
    async (request) => pauses.resume(requestTenant(request), request.params.queue, requestOperator(request)),
  );
};
