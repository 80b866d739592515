/** The subset of CycloneDX 1.5 JSON (https://cyclonedx.org/docs/1.5/json/) the scanner writes. */
export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.5';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp?: string;
    tools: { components: { type: 'application'; name: string; version: string }[] };
    component: { type: 'container' | 'file'; 'bom-ref': string; name: string };
    properties: CycloneDxProperty[];
  };
  components: CycloneDxComponent[];
  vulnerabilities: CycloneDxVulnerability[];
}

export interface CycloneDxProperty {
  name: string;
  value: string;
}

export interface CycloneDxComponent {
  type: 'library' | 'operating-system';
  'bom-ref': string;
  name: string;
  version: string;
  purl: string;
  properties: CycloneDxProperty[];
}

export interface CycloneDxVulnerability {
  'bom-ref': string;
  id: string;
  source: { name: string; url: string };
  references: { id: string; source: { name: string } }[];
  ratings: { severity: string; score?: number; method?: 'CVSSv3' | 'CVSSv31'; vector?: string }[];
  description: string;
  recommendation?: string;
  affects: { ref: string }[];
}
