-- Scanner settings: one site-wide row; the defaults equal SCANNER_SETTINGS_DEFAULTS in the contract.
CREATE TABLE scanner_settings (
  singleton                boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  concurrency              integer NOT NULL DEFAULT 4,
  analyzer_timeout_seconds integer NOT NULL DEFAULT 300,
  max_target_bytes         bigint  NOT NULL DEFAULT 536870912,
  feed_staleness_days      integer NOT NULL DEFAULT 30,
  deterministic_output     boolean NOT NULL DEFAULT true,
  updated_at               timestamptz,
  updated_by               text
);
INSERT INTO scanner_settings DEFAULT VALUES;

-- Analyzer state the code does not hold: enablement (an analyzer without a row is enabled) and the last self-check.
CREATE TABLE scanner_analyzers (
  id                text PRIMARY KEY,
  enabled           boolean NOT NULL DEFAULT true,
  probe_at          timestamptz,
  probe_ok          boolean,
  probe_duration_ms integer,
  probe_message     text,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Archives uploaded for a scan; kept in PostgreSQL like everything else (size capped by the settings).
CREATE TABLE scanner_uploads (
  id         uuid PRIMARY KEY,
  tenant     text NOT NULL,
  file_name  text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256     text NOT NULL,
  content    bytea NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scanner_uploads_tenant ON scanner_uploads (tenant, created_at DESC);

-- A scan: its state is written by its pipeline jobs (queued → running → succeeded|partial|failed) and, while not
-- final, derived from those jobs on read (a failed resolve skips the rest, so nobody else would write it).
CREATE TABLE scans (
  id           uuid PRIMARY KEY,
  tenant       text NOT NULL,
  target_name  text NOT NULL,
  target       jsonb NOT NULL,
  trigger      text NOT NULL CHECK (trigger IN ('manual', 'schedule')),
  state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'partial', 'failed', 'canceled')),
  run_id       uuid NOT NULL,
  job_ids      uuid[] NOT NULL DEFAULT '{}',
  analyzers    text[] NOT NULL,
  settings     jsonb NOT NULL,                 -- the settings the scan started with
  target_bytes bigint,
  components   integer,
  findings     integer,
  severities   jsonb,
  feed         jsonb,
  target_format text,                          -- directory, archive, docker-save, oci-layout
  report       text,                           -- CycloneDX JSON with the findings as vulnerabilities, byte for byte
  comparison   jsonb,                          -- counts against the target's baseline when the scan finished
  start_job_id uuid UNIQUE,                    -- the scanner.scan job that started it (a retried start finds it)
  error        text,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz
);
CREATE INDEX scans_tenant_created ON scans (tenant, created_at DESC);
CREATE INDEX scans_tenant_target ON scans (tenant, target_name, created_at DESC);

-- The resolved target: only the files some analyzer of the scan asked for (dropped when the report is written).
CREATE TABLE scan_target_files (
  scan_id uuid NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  path    text NOT NULL,
  content bytea NOT NULL,
  PRIMARY KEY (scan_id, path)
);

-- One row per analyzer of a scan: health, performance and the analyzer cache (input_digest) read these.
CREATE TABLE scan_analyzer_runs (
  scan_id          uuid NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  analyzer         text NOT NULL,
  analyzer_version text NOT NULL,
  job_id           uuid,
  input_digest     text,
  outcome          text CHECK (outcome IN ('ok', 'error', 'skipped')),
  cache_hit        boolean NOT NULL DEFAULT false,
  duration_ms      integer,
  components       jsonb,
  error            text,
  finished_at      timestamptz,
  PRIMARY KEY (scan_id, analyzer)
);
CREATE INDEX scan_analyzer_runs_health ON scan_analyzer_runs (analyzer, finished_at DESC);
CREATE INDEX scan_analyzer_runs_cache ON scan_analyzer_runs (analyzer, analyzer_version, input_digest) WHERE outcome = 'ok';

CREATE TABLE scan_components (
  scan_id   uuid NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  ord       integer NOT NULL,
  analyzer  text NOT NULL,
  ecosystem text NOT NULL,
  name      text NOT NULL,
  version   text NOT NULL,
  purl      text NOT NULL,
  locations text[] NOT NULL,
  PRIMARY KEY (scan_id, ord)
);

CREATE TABLE scan_findings (
  scan_id        uuid NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  ord            integer NOT NULL,
  advisory_id    text NOT NULL,
  purl           text NOT NULL,
  aliases        text[] NOT NULL,
  summary        text NOT NULL,
  severity       text NOT NULL,
  score          double precision,
  vector         text,
  ecosystem      text NOT NULL,
  name           text NOT NULL,
  version        text NOT NULL,
  fixed_versions text[] NOT NULL,
  PRIMARY KEY (scan_id, ord)
);

-- One baseline per target per tenant.
CREATE TABLE scan_baselines (
  tenant      text NOT NULL,
  target_name text NOT NULL,
  scan_id     uuid NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  promoted_at timestamptz NOT NULL DEFAULT now(),
  promoted_by text NOT NULL,
  reason      text NOT NULL,
  ticket      text,
  PRIMARY KEY (tenant, target_name)
);

-- Performance baseline per metric ('scan' or 'analyzer:<id>'), site-wide like the analyzers.
CREATE TABLE scanner_perf_baselines (
  metric  text PRIMARY KEY,
  from_at timestamptz NOT NULL,
  to_at   timestamptz NOT NULL,
  max_ms  integer NOT NULL,
  samples integer NOT NULL,
  set_at  timestamptz NOT NULL DEFAULT now(),
  set_by  text NOT NULL
);
