-- Analyzers a kit carries as declarative definitions (SPEC §9), stored with the kit's feed generation: the active
-- kit's set is the installed one, so a rollback brings back the previous kit's set with its feed.

CREATE TABLE scanner_kit_analyzers (
  generation  bigint NOT NULL REFERENCES scanner_kits (generation) ON DELETE CASCADE,
  analyzer_id text NOT NULL,
  definition  jsonb NOT NULL,                       -- a KitAnalyzerDefinition, validated at import
  sha256      text NOT NULL,                        -- of the definition file in the kit
  PRIMARY KEY (generation, analyzer_id)
);
