/** A scenario the kill trials run, how often it is drawn, and its whole run's time and steps (the calibration). */
export interface Target {
  readonly scenario: string;
  readonly weight: number;
  ms: number;
  steps: number;
}
export const targets: Target[] = [
  { scenario: '--all', weight: 2, ms: 0, steps: 0 },
  { scenario: 'scenarios/iis-web-server-certificate.yaml', weight: 2, ms: 0, steps: 0 },
  { scenario: 'scenarios/cloud-dp-service-certificate.yaml', weight: 2, ms: 0, steps: 0 },
  { scenario: 'scenarios/dp-client-certificate.yaml', weight: 2, ms: 0, steps: 0 },
  { scenario: 'scenarios/iis-no-restart.yaml', weight: 1, ms: 0, steps: 0 },
  { scenario: 'scenarios/amt-certificates.yaml', weight: 1, ms: 0, steps: 0 },
];
