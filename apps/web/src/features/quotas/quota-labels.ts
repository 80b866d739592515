/** `*` is the tenant-wide quota. */
export const ALL_TYPES = '*';

export const quotaTypeLabel = (jobType: string) => (jobType === ALL_TYPES ? '* (all job types)' : jobType);
