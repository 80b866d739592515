import fc from 'fast-check';

/** The parts of an OpenAPI 3.1 document the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface FuzzRequest {
  /** What kind of bad input, for the failure message. */
  kind: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** True when the input is certainly invalid (a 4xx is required); false for free-text injection, where 2xx is fine too. */
  mustRefuse: boolean;
}

/** Strings that break out of SQL, HTML, paths, JSON or encodings when a server is careless with them. */
const INJECTIONS = [
  `'; DROP TABLE jobs; --`,
  `" OR 1=1 --`,
  `<script>alert(1)</script>`,
  `../../../../etc/passwd`,
  `..\\..\\windows\\win.ini`,
  `%00`,
  `\u0000nul`,
  `$(rm -rf /)`,
  `{{7*7}}`,
  `\u202eevil`,
  `😀`.repeat(50),
  `{"$gt": ""}`,
  `x`.repeat(300),
];

/** An injection string, possibly with random text around it: never a valid id, name, tenant or job type. */
export const injection = fc
  .tuple(fc.constantFrom(...INJECTIONS), fc.string({ maxLength: 20 }))
  .map(([bad, noise]) => `${bad}${noise} `);

/** Injections that can travel in a header (printable ASCII). */
const headerSafeInjection = injection.filter((s) => /^[\x20-\x7e]+$/.test(s));

/** Cursors and event ids no server ever sent. */
const badCursor = fc.oneof(
  fc.constantFrom('not-a-cursor', '!!!', 'eyJ4IjoxfQ', '0.0.0.0.0', '-1', 'null'),
  fc.base64String({ minLength: 4, maxLength: 120 }),
  injection.map((s) => s.slice(0, 150)),
);

const OPERATOR_HEADERS = { 'x-operator-reason': 'fuzz', 'x-tenant': 'default' };

/** A value each query parameter schema refuses, or null when the schema accepts any short text. */
function invalidQueryValue(name: string, schema: JsonSchema): fc.Arbitrary<string> | null {
  if (name === 'cursor' || name === 'lastEventId') return badCursor;
  const scalar = schema.type === 'array' && schema.items ? schema.items : schema;
  if (scalar.enum) return fc.constantFrom('bogus', 'ALL', '<b>x</b>', '1');
  if (scalar.type === 'integer' || scalar.type === 'number') {
    const out: fc.Arbitrary<string>[] = [fc.constantFrom('abc', '1.5', '1e400', '0x10', '')];
    if (scalar.minimum !== undefined) out.push(fc.constant(String(scalar.minimum - 1)));
    if (scalar.maximum !== undefined) out.push(fc.constant(String(scalar.maximum + 1)));
    return fc.oneof(...out);
  }
  if (scalar.format === 'date-time') return fc.constantFrom('yesterday', '2026-13-45T99:99:99Z', '1700000000', `2026-01-01'; --`);
  if (scalar.format === 'uuid' || scalar.pattern) return injection;
  if (scalar.maxLength !== undefined) return fc.constant('q'.repeat(scalar.maxLength + 1));
  return null;
}

/** A path parameter value each route refuses: with its schema's pattern it is malformed, otherwise it names nothing. */
const badPathValue = injection;

/** A well-formed value for a path parameter that names nothing, so only the fuzzed part of the request is bad. */
function absentPathValue(name: string, path: string): string {
  if (path.startsWith('/api/v1/tokens')) return '00000000000000ff';
  if (name === 'id') return path.startsWith('/api/v1/workers') ? 'fuzz-worker' : '0192e4a0-0000-7000-8000-00000000f022';
  return 'fuzz.target';
}

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  const object = (schema.anyOf ?? schema.oneOf)?.map((s) => resolve(doc, s)).find((s) => s?.properties);
  return object ?? schema;
}

const JSON_TYPES = ['object', 'string', 'number', 'boolean', 'array'] as const;
const SAMPLE: Record<(typeof JSON_TYPES)[number], unknown> = {
  object: { $ne: null },
  string: `'; DROP TABLE jobs; --`,
  number: 12345.5,
  boolean: true,
  array: [[]],
};

/** JSON types a property schema allows, or null when it takes any JSON value (payload, result). */
function allowedTypes(doc: OpenApiDocument, schema: JsonSchema): Set<string> | null {
  const members = (schema.anyOf ?? schema.oneOf ?? [schema]).map((s) => (s.$ref ? resolve(doc, s) : s));
  const types = new Set<string>();
  for (const member of members) {
    if (!member?.type) {
      if (member?.properties) types.add('object');
      else return null;
    }
    for (const t of [member?.type ?? []].flat()) types.add(t === 'integer' ? 'number' : t);
  }
  return types;
}

/** Bodies of the right shape but with one declared field of a JSON type its schema refuses. */
function wrongFieldBodies(doc: OpenApiDocument, schema: JsonSchema | undefined): fc.Arbitrary<string> | null {
  const fields = Object.entries(schema?.properties ?? {}).flatMap(([field, fieldSchema]) => {
    const allowed = allowedTypes(doc, fieldSchema);
    const wrong = allowed && JSON_TYPES.find((t) => !allowed.has(t));
    return wrong ? [JSON.stringify({ [field]: SAMPLE[wrong] })] : [];
  });
  return fields.length > 0 ? fc.constantFrom(...fields) : null;
}

/** JSON that is not an object: every request body of the API is one. */
const nonObjectBody = fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.string(), fc.double({ noNaN: true }), fc.boolean()).map((v) => JSON.stringify(v));

/**
 * Bad requests for one route of the OpenAPI document: malformed path parameters, invalid query values and bad
 * cursors, non-object and wrongly typed bodies, bodies over the limit, wrong content types, broken JSON, missing
 * or overlong operator reasons, and injection strings in free-text filters.
 */
export function badRequests(
  doc: OpenApiDocument,
  route: { method: FuzzRequest['method']; path: string; tenantScoped: boolean },
  bodyLimitBytes: number,
): fc.Arbitrary<FuzzRequest> {
  const { method, path } = route;
  const operation = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${path} is not in the OpenAPI document`);
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const streams = path.endsWith('/events') || path.endsWith('/stream');
  // A stream that accepted the request would never end; a bad resume cursor makes every stream request a refusal.
  const base = { ...OPERATOR_HEADERS, ...(streams ? { 'last-event-id': 'fuzz-not-a-cursor' } : {}) };
  const urlWith = (values: Record<string, string>, query = '') =>
    path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? absentPathValue(name, path))) + query;
  const request = (kind: string, rest: Partial<FuzzRequest>): FuzzRequest => ({ kind, method, url: urlWith({}), headers: { ...base }, mustRefuse: true, ...rest });
  const bodyMethod = method !== 'GET';
  const bodySchema = resolve(doc, Object.values(operation.requestBody?.content ?? {})[0]?.schema);
  const json = { 'content-type': 'application/json' };

  const cases: fc.Arbitrary<FuzzRequest>[] = [
    // Routes that act for a tenant refuse a malformed one; the others ignore the header.
    headerSafeInjection.map((tenant) => request('bad X-Tenant', { headers: { ...base, 'x-tenant': tenant }, mustRefuse: route.tenantScoped })),
  ];
  for (const param of pathParams) {
    cases.push(badPathValue.map((value) => request(`bad path :${param.name}`, { url: urlWith({ [param.name]: value }), ...(bodyMethod ? { headers: { ...base, ...json }, payload: '{}' } : {}) })));
  }
  if (pathParams.length > 0) {
    // Sent as is: a broken %-escape never reaches a handler.
    cases.push(
      fc.constantFrom('%E0%A4%A', '%zz', '%', '%C0%AF').map((raw) =>
        request('malformed %-escape in the path', { url: path.replace(/:(\w+)/, raw).replace(/:(\w+)/g, (_, name: string) => absentPathValue(name, path)) }),
      ),
    );
  }
  for (const param of params.filter((p) => p.in === 'query')) {
    const invalid = invalidQueryValue(param.name, param.schema ?? {});
    if (invalid) {
      cases.push(invalid.map((value) => request(`bad query ${param.name}`, { url: urlWith({}, `?${param.name}=${encodeURIComponent(value)}`) })));
    } else if (!streams) {
      cases.push(injection.map((value) => request(`injection in query ${param.name}`, { url: urlWith({}, `?${param.name}=${encodeURIComponent(value.slice(0, 150))}`), mustRefuse: false })));
    }
  }
  if (bodyMethod) {
    cases.push(
      fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x').map((type) =>
        request(`content type ${type}`, { headers: { ...base, 'content-type': type }, payload: 'a=1&b=<x/>' }),
      ),
      fc.constantFrom('{"jobType":', '{,}', '[1,2', '{"a":1}}', 'nul', '\u0000{}').map((text) => request('malformed JSON', { headers: { ...base, ...json }, payload: text })),
      fc.integer({ min: bodyLimitBytes + 1, max: bodyLimitBytes * 3 }).map((size) =>
        request('body over the limit', { headers: { ...base, ...json }, payload: JSON.stringify({ jobType: 'x', payload: 'x'.repeat(size) }) }),
      ),
    );
  }
  if (bodySchema) {
    cases.push(nonObjectBody.map((payload) => request('non-object body', { headers: { ...base, ...json }, payload })));
    const wrongFields = wrongFieldBodies(doc, bodySchema);
    if (wrongFields) cases.push(wrongFields.map((payload) => request('field of the wrong type', { headers: { ...base, ...json }, payload })));
  }
  if (params.some((p) => p.in === 'header' && p.name === 'x-operator-reason' && p.required)) {
    // Whatever the body, a missing or overlong reason refuses the mutation before it touches anything.
    cases.push(
      fc.tuple(fc.option(fc.constant('r'.repeat(257)), { nil: undefined }), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })).map(
        ([reason, body]) => {
          const { 'x-operator-reason': _dropped, ...rest } = base;
          return request('missing or overlong operator reason', { headers: { ...rest, ...json, ...(reason ? { 'x-operator-reason': reason } : {}) }, payload: JSON.stringify(body) });
        },
      ),
    );
  }
  return fc.oneof(...cases);
}
