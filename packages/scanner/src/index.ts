export * from './archive/read-tar.ts';
export * from './osv/osv-record.ts';
// `AdvisoryLookup` itself is scan-core's (matching); the lookup here has the same shape.
export { activeFeedInfo, activeFeedLookup } from './kits/feed-lookup.ts';
