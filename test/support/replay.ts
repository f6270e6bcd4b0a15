import { normalize } from '../../workflows/index.ts';

/** Two runs' events compared: thumbprints numbered (normalize), and what a CA draws at installation (its serials) left out. */
export const drawn = (events: Parameters<typeof normalize>[0]): string[] =>
  normalize(events).map((e) => e.replace(/"serialTickBase":\d+,?/g, '').replace(/"(serialNumber|caSerial)":"[0-9A-Fa-f]+",?/g, ''));
