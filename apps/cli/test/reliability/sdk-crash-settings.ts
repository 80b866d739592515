export const SDK_CRASH_JOB_TYPE = 'sdk.crash';
export const SDK_LEASE_SECONDS = 2;
