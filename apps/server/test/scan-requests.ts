import { ScanDetail, ScanTimeline, StartScanResponse } from '@execops/contract';
import { expect } from 'vitest';
import type { AppFixture } from './app-fixture.ts';

/** Starts a scan of a path on the server (target name "shop"), as the console does. */
export async function startPathScan(fx: AppFixture, target: string): Promise<StartScanResponse> {
  const res = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/scans', payload: { target: { kind: 'path', path: target }, targetName: 'shop' } });
  expect(res.statusCode, res.body).toBe(201);
  return StartScanResponse.parse(res.json());
}

export const readScan = async (fx: AppFixture, scanId: string) => ScanDetail.parse((await fx.app.inject({ url: `/api/v1/scanner/scans/${scanId}` })).json());

export const readTimeline = async (fx: AppFixture, scanId: string) =>
  ScanTimeline.parse((await fx.app.inject({ url: `/api/v1/scanner/scans/${scanId}/events` })).json()).items;
