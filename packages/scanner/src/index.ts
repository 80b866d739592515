export * from './archive/read-tar.ts';
export * from './osv/osv-record.ts';
