import { memoryKeyStore } from '../../adapters/keystore/memory.ts';
import { x509Signer } from '../../adapters/x509/signer.ts';
import { signerCrlContract } from './signer-contract.ts';

signerCrlContract('x509Signer (@peculiar/x509)', async () => {
  const keys = memoryKeyStore();
  return { keys, signer: x509Signer(keys) };
}).run();
