/** Object identifiers pkilab writes or checks. */
export const oid = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  amtProvisioning: '2.16.840.1.113741.1.2.3',
  templateInformation: '1.3.6.1.4.1.311.21.7',
  templateName: '1.3.6.1.4.1.311.20.2',
  applicationPolicies: '1.3.6.1.4.1.311.21.10',
  caVersion: '1.3.6.1.4.1.311.21.1',
  upn: '1.3.6.1.4.1.311.20.2.3',
} as const;

const ekuNames: Readonly<Record<string, string>> = {
  [oid.serverAuth]: 'Server Authentication',
  [oid.clientAuth]: 'Client Authentication',
  [oid.amtProvisioning]: 'AMT Provisioning',
};

export const ekuName = (id: string): string => ekuNames[id] ?? id;
