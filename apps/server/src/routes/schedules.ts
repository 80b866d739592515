import {
  CreateScheduleRequest,
  ErrorEnvelope,
  ListSchedulesQuery,
  OperatorHeaders,
  Run,
  Schedule,
  SchedulePage,
  ScheduleParams,
  SchedulePreview,
  SchedulePreviewRequest,
  UpdateScheduleRequest,
} from '@execops/contract';
import type { ScheduleAdmin } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOperator } from '../operator.ts';
import { requestTenant } from '../tenant.ts';

const errors = { 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope, 422: ErrorEnvelope };
const tags = ['scheduler'];

/** Cron schedules: CRUD, preview, enable/disable, pause/resume, trigger now. Every change needs a reason and is audited. */
export const scheduleRoutes: FastifyPluginAsyncZod<{ schedules: ScheduleAdmin }> = async (app, { schedules }) => {
  app.get(
    '/schedules',
    { schema: { tags, summary: 'Schedules of the tenant, newest first', querystring: ListSchedulesQuery, response: { 200: SchedulePage, 400: ErrorEnvelope } } },
    async (request) => schedules.list(requestTenant(request), request.query),
  );

  app.post(
    '/schedules/preview',
    {
      schema: {
        tags,
        summary: 'The next 10 fire times and the label of an unsaved cron and time zone',
        body: SchedulePreviewRequest,
        response: { 200: SchedulePreview, 400: ErrorEnvelope, 422: ErrorEnvelope },
      },
    },
    async (request) => schedules.preview(request.body),
  );

  app.post(
    '/schedules',
    { schema: { tags, summary: 'Create a schedule', headers: OperatorHeaders, body: CreateScheduleRequest, response: { 201: Schedule, ...errors } } },
    async (request, reply) => reply.status(201).send(await schedules.create(requestTenant(request), request.body, requestOperator(request))),
  );

  app.get(
    '/schedules/:id',
    { schema: { tags, summary: 'One schedule', params: ScheduleParams, response: { 200: Schedule, 400: ErrorEnvelope, 404: ErrorEnvelope } } },
    async (request) => schedules.get(requestTenant(request), request.params.id),
  );

  app.get(
    '/schedules/:id/preview',
    {
      schema: { tags, summary: 'The next 10 fire times of a schedule', params: ScheduleParams, response: { 200: SchedulePreview, 400: ErrorEnvelope, 404: ErrorEnvelope } },
    },
    async (request) => schedules.previewOf(requestTenant(request), request.params.id),
  );

  app.patch(
    '/schedules/:id',
    {
      schema: { tags, summary: 'Change a schedule', params: ScheduleParams, headers: OperatorHeaders, body: UpdateScheduleRequest, response: { 200: Schedule, ...errors } },
    },
    async (request) => schedules.update(requestTenant(request), request.params.id, request.body, requestOperator(request)),
  );

  app.delete(
    '/schedules/:id',
    { schema: { tags, summary: 'Delete a schedule (its runs stay)', params: ScheduleParams, headers: OperatorHeaders, response: { 200: Schedule, ...errors } } },
    async (request) => schedules.delete(requestTenant(request), request.params.id, requestOperator(request)),
  );

  const toggle = (path: string, summary: string, act: (tenant: string, id: string, request: Parameters<typeof requestOperator>[0]) => Promise<Schedule>) =>
    app.post(
      `/schedules/:id/${path}`,
      { schema: { tags, summary, params: ScheduleParams, headers: OperatorHeaders, response: { 200: Schedule, ...errors } } },
      async (request) => act(requestTenant(request), request.params.id, request),
    );
  toggle('enable', 'Enable: fires from the next slot after now', (tenant, id, r) => schedules.setEnabled(tenant, id, true, requestOperator(r)));
  toggle('disable', 'Disable: no fires, nextFireAt cleared', (tenant, id, r) => schedules.setEnabled(tenant, id, false, requestOperator(r)));
  toggle('pause', 'Pause: no fires until resumed', (tenant, id, r) => schedules.setPaused(tenant, id, true, requestOperator(r)));
  toggle('resume', 'Resume: slots missed while paused follow the misfire policy', (tenant, id, r) =>
    schedules.setPaused(tenant, id, false, requestOperator(r)),
  );

  app.post(
    '/schedules/:id/trigger',
    { schema: { tags, summary: 'Start a manual run now', params: ScheduleParams, headers: OperatorHeaders, response: { 201: Run, ...errors } } },
    async (request, reply) => reply.status(201).send(await schedules.trigger(requestTenant(request), request.params.id, requestOperator(request))),
  );
};
